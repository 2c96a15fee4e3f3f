import type { JobRecord } from '../../common/job-record'
import type { PoolSnapshot, RunnerView } from '../../common/pool-status'
import type { Clock } from '../../common/clock'
import type { Settings } from '../../common/settings'
import { openJobHistory, type JobHistory } from './history/job-history'
import type { RetentionPolicy } from './history/retention'
import { RunnerDockMetrics } from './metrics/runnerdock-metrics'

/**
 * The jobs that ran here: the crash-safe history on disk and the Prometheus counts. A finished job
 * is written before anyone is told, so a job a UI showed is never missing after a crash. Kept
 * apart from the engine, which only forwards to it.
 */
export class JobLedger {
  readonly metrics = new RunnerDockMetrics()
  private history: JobHistory | null = null
  private problem: string | null = null

  /** Opens the history in the config folder; when it cannot, jobs are counted but not kept. */
  async open(configDir: string, clock: Clock, keep: HistoryKeep): Promise<void> {
    const history = await openJobHistory(configDir, { clock, retention: retentionOf(keep) })
    if (history.ok) this.history = history.value
    else this.problem = `Job history is off: ${history.error.message}`
  }

  /** Keeps and counts a finished job; the error is a line for the user when it could not be kept. */
  async finished(record: JobRecord): Promise<string | null> {
    const saved = await this.history?.append(record)
    this.metrics.jobFinished(record)
    return saved && !saved.ok ? `Job history: ${saved.error.message}` : null
  }

  /** The contract's `listJobs`: newest first, or why there is no history. */
  async list(input: { since?: number | undefined; limit?: number | undefined }) {
    if (!this.history) return { records: [], problem: this.problem }
    const records = await this.history.list({
      ...(input.since !== undefined ? { since: input.since } : {}),
      limit: input.limit ?? 1_000,
    })
    return { records, problem: null }
  }

  /** The user changed how much history to keep: applied now. */
  async retain(keep: HistoryKeep): Promise<string | null> {
    const compacted = await this.history?.compact(retentionOf(keep))
    return compacted && !compacted.ok ? `Job history: ${compacted.error.message}` : null
  }

  /** Follows the runners-by-state gauge from every snapshot. */
  observe(snapshot: PoolSnapshot): void {
    this.metrics.observeRunnerStates(countPhases(snapshot))
  }

  /** Closes the history file. */
  async close(): Promise<void> {
    await this.history?.close()
  }
}

/** The settings that say how much history to keep. */
export type HistoryKeep = Pick<Settings, 'historyDays' | 'historyMaxJobs'>

function retentionOf(keep: HistoryKeep): RetentionPolicy {
  return { maxAgeMs: keep.historyDays * 24 * 60 * 60_000, maxCount: keep.historyMaxJobs }
}

/** How many runners are in each phase (the runners-by-state gauge). */
function countPhases(snapshot: PoolSnapshot): Partial<Record<RunnerView['phase'], number>> {
  const counts: Partial<Record<RunnerView['phase'], number>> = {}
  for (const r of snapshot.runners) counts[r.phase] = (counts[r.phase] ?? 0) + 1
  return counts
}
