import { DEFAULT_IMAGE } from '../../../common/settings'
import { SecretRegistry } from '../../../common/redact'
import { openGitHubSession } from '../../engine/github/github-session'
import { LogStore } from '../../engine/logs/log-store'
import { acquirePoolLock } from '../../engine/pool-lock'
import { Pool, type StopReport } from '../../engine/pool/pool'
import type { CliCommand } from '../cli-args'
import { EXIT, type CliIo } from '../cli-io'
import { formatNotice, formatPoolLine } from '../cli-output'
import type { CliServices } from '../cli-services'
import { describeCheck } from './token'
import { poolTuningFromEnv } from '../pool-tuning'

/**
 * `runnerdock up`: runs the pool in the foreground, one line per state change. The first
 * SIGINT/SIGTERM drains, a second stops now; either way every container and registration the pool
 * made is removed before the process exits 0.
 */
export async function up(
  io: CliIo,
  services: CliServices,
  command: Extract<CliCommand, { kind: 'up' }>,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  const installation = await services.installation()
  if (!installation.ok) return (io.err(installation.error), EXIT.failed)
  if (installation.value.warning) io.err(`WARNING: ${installation.value.warning}`)
  const session = await openGitHubSession(services.tokens, command.apiUrl, (n) =>
    io.out(
      formatNotice({
        time: Date.now(),
        level: 'warn',
        runner: null,
        message: `GitHub rate limit (${n.kind}): waiting ${n.retryAfterSeconds} s as GitHub asks.`,
      }),
    ),
  )
  if (!session.ok) return (io.err(session.error.message), EXIT.failed)
  const check = await session.value.check(command.target)
  if (check.status === 'invalid' || check.status === 'insufficient' || check.status === 'no-access')
    return (io.err(check.message), EXIT.failed)
  if (check.status === 'valid') io.out(`Token: ${describeCheck(check)}.`)
  else io.err(`WARNING: ${check.message} RunnerDock keeps trying.`)
  const docker = await services.docker()
  if (!docker.ok) return (io.err(docker.error.message), EXIT.failed)
  const lock = await acquirePoolLock(services.configDir)
  if (!lock.ok) return (io.err(lock.error), EXIT.failed)

  const secrets = new SecretRegistry()
  secrets.add(session.value.secret)
  const pool = new Pool(
    {
      installationId: installation.value.id,
      target: command.target,
      apiUrl: command.apiUrl,
      labels: command.labels,
      runnerGroup: command.group,
      image: command.image ?? DEFAULT_IMAGE,
      cpus: command.cpus,
      memoryMb: command.memoryMb,
      networkMode: command.network,
      dockerAccess: command.dockerAccess,
      maxRunners: Math.max(command.runners, 1),
      ...poolTuningFromEnv(io.env),
    },
    {
      docker: docker.value.port,
      github: session.value.github,
      logs: new LogStore(secrets.redact),
      secrets,
    },
  )
  let lastLine = ''
  pool.on('notice', (notice) => io.out(secrets.redact(formatNotice(notice))))
  pool.on('snapshot', (snapshot) => {
    const line = formatPoolLine(snapshot)
    if (line !== lastLine)
      io.out(secrets.redact(`${new Date().toISOString().slice(11, 19)} ${line}`))
    lastLine = line
  })
  io.out(
    `Docker: ${docker.value.description}. Press Ctrl-C to drain and stop; press it again to stop now.`,
  )

  let stopping: Promise<StopReport> | null = null
  let stopped!: (report: Promise<StopReport>) => void
  const stopRequested = new Promise<StopReport>((resolve) => (stopped = resolve))
  const onSignal = () => {
    if (stopping === null) stopped((stopping = pool.stop('drain')))
    else void pool.stop('now')
  }
  signals.on('SIGINT', onSignal)
  signals.on('SIGTERM', onSignal)
  try {
    await pool.start(command.runners)
    const report = await stopRequested
    if (report.pendingRegistrations.length > 0) {
      io.err(
        `WARNING: GitHub still holds ${report.pendingRegistrations.length} registration(s) as busy: ${report.pendingRegistrations.join(', ')}. They are removed the next time RunnerDock starts.`,
      )
    }
    io.out('Stopped. Every runner container and registration this pool made has been removed.')
    return EXIT.ok
  } finally {
    signals.off('SIGINT', onSignal)
    signals.off('SIGTERM', onSignal)
    pool.dispose()
    await lock.value.release()
  }
}
