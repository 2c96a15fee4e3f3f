import type { RunnerDockMetrics } from '../../engine/metrics/runnerdock-metrics'
import { EXIT, type ConsoleIo } from '../../services/console-io'

/**
 * `runnerdock metrics`: prints the Prometheus text exposition once, for a node_exporter textfile
 * collector, a cron job or a quick look, without running an HTTP endpoint.
 */
export async function metrics(
  io: ConsoleIo,
  registry: Pick<RunnerDockMetrics, 'exposition'>,
): Promise<number> {
  try {
    io.out((await registry.exposition()).trimEnd())
    return EXIT.ok
  } catch (e) {
    io.err(`Could not collect the metrics (${(e as Error).message}).`)
    return EXIT.failed
  }
}
