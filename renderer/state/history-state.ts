import type { JobRecord } from '../../common/job-record'
import { summarize, type PoolSnapshot } from '../../common/pool-status'

/**
 * The History view's data in the store: the finished jobs (from `listJobs`, then each `job` event)
 * and the pool's busy and idle counts over time. Pure functions of plain values, tested alone.
 */

/** The pool's runner counts at one instant, as the History view's utilization chart takes them. */
export interface UtilizationSample {
  readonly at: number
  readonly busy: number
  readonly idle: number
}

/** What the History view shows, and whether it could be read. */
export interface HistoryState {
  /** Newest first; null until the first `listJobs` answer. */
  readonly records: readonly JobRecord[] | null
  readonly loading: boolean
  /** The call failed (connection lost, refused): the view offers to try again. */
  readonly error: string | null
  /** The engine keeps no history (its file cannot be opened), in the engine's words. */
  readonly problem: string | null
  /** Runner counts seen in snapshots since this page loaded (the engine does not keep them). */
  readonly utilization: readonly UtilizationSample[]
}

/**
 * Jobs the view asks for and keeps: the charts span two weeks, and the History view draws 10,000
 * jobs in ~0.4 s (docs/history.md), so 5,000 keeps it quick while covering a busy fortnight.
 */
export const HISTORY_VIEW_LIMIT = 5_000

/** Utilization samples kept: one per change of the counts, so days of a busy pool. */
export const UTILIZATION_CAPACITY = 20_000

/** Before anything was asked. */
export function initialHistory(): HistoryState {
  return { records: null, loading: false, error: null, problem: null, utilization: [] }
}

const keyOf = (r: JobRecord) => `${r.id}@${r.recordedAt}`

/**
 * Puts jobs that arrived as events in front of a list (newest first), once each, keeping at most
 * `cap`: a job event sent while `listJobs` was answered may or may not be in its answer.
 */
export function withJobs(
  records: readonly JobRecord[],
  arrived: readonly JobRecord[],
  cap = HISTORY_VIEW_LIMIT,
): JobRecord[] {
  const seen = new Set<string>()
  const merged: JobRecord[] = []
  // `arrived` is oldest first (event order); the newest goes first.
  for (const r of [...arrived].reverse().concat(records)) {
    const key = keyOf(r)
    if (seen.has(key)) continue
    seen.add(key)
    merged.push(r)
    if (merged.length === cap) break
  }
  return merged
}

/**
 * Adds a sample when the pool's busy or idle count changed (a snapshot that changes neither adds
 * nothing), dropping the oldest beyond `capacity`. A stopped pool counts as zero of each.
 */
export function withUtilization(
  samples: readonly UtilizationSample[],
  snapshot: Pick<PoolSnapshot, 'runners' | 'desired' | 'running'>,
  at: number,
  capacity = UTILIZATION_CAPACITY,
): readonly UtilizationSample[] {
  const counts = snapshot.running ? summarize(snapshot) : { busy: 0, idle: 0 }
  const last = samples.at(-1)
  if (last && last.busy === counts.busy && last.idle === counts.idle) return samples
  const next = [...samples, { at, busy: counts.busy, idle: counts.idle }]
  return next.length > capacity ? next.slice(next.length - capacity) : next
}

/**
 * The History view's "now": the clock's last tick, or the newest thing shown if that is later. The
 * clock ticks slowly (the charts need no seconds), and a job that just ended must not fall outside
 * a window that ends at the last tick.
 */
export function historyNow(
  tick: number,
  history: Pick<HistoryState, 'records' | 'utilization'>,
): number {
  const newest = history.records?.[0]
  const newestJob = newest ? Math.max(newest.recordedAt, newest.finishedAt ?? 0) : 0
  return Math.max(tick, newestJob, history.utilization.at(-1)?.at ?? 0)
}
