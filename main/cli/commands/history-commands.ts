import { openJobHistory } from '../../engine/history/job-history'
import { RunnerDockMetrics } from '../../engine/metrics/runnerdock-metrics'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import type { RealServices } from '../../services/real-services'
import type { CliCommand } from '../cli-args'
import { parseSince } from '../since-arg'
import { jobs } from './jobs'
import { metrics } from './metrics'

/** `runnerdock jobs [--since 1d] [--json]`: reads the history (read-only: safe while a pool runs). */
export async function jobsCommand(
  io: ConsoleIo,
  services: Pick<RealServices, 'configDir'>,
  command: Extract<CliCommand, { kind: 'jobs' }>,
): Promise<number> {
  const now = Date.now()
  let since: number | undefined
  if (command.since !== null) {
    const parsed = parseSince(command.since, now)
    if (!parsed.ok) return (io.err(`--since: ${parsed.error}`), EXIT.usage)
    since = parsed.value
  }
  const history = await openJobHistory(services.configDir, { readOnly: true })
  if (!history.ok) return (io.err(history.error.message), EXIT.failed)
  try {
    return await jobs(io, history.value, {
      ...(since !== undefined ? { since } : {}),
      json: command.json,
      now,
    })
  } finally {
    await history.value.close()
  }
}

/**
 * `runnerdock metrics`: the exposition once. A separate process has no live pool, so it is built
 * from the job history (jobs by result, wait and run times); the live gauges (runners by state,
 * GitHub requests, Docker errors) are on the `/metrics` endpoint of a running `serve` or app.
 */
export async function metricsCommand(
  io: ConsoleIo,
  services: Pick<RealServices, 'configDir'>,
): Promise<number> {
  const registry = new RunnerDockMetrics()
  const history = await openJobHistory(services.configDir, { readOnly: true })
  if (history.ok) {
    for (const record of (await history.value.list()).reverse()) registry.jobFinished(record)
    await history.value.close()
  } else io.err(`WARNING: ${history.error.message}`)
  return metrics(io, registry)
}
