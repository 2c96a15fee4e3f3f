import type { JobRecord } from '../../../common/job-record'

/** How much history to keep: by age and by count, whichever removes more. */
export interface RetentionPolicy {
  readonly maxAgeMs: number
  readonly maxCount: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/** A month of jobs, at most 10,000: enough to see trends, small enough to read in a blink. */
export const DEFAULT_RETENTION: RetentionPolicy = { maxAgeMs: 30 * DAY_MS, maxCount: 10_000 }

/** The records to keep, in file order: none older than the age limit, only the newest `maxCount`. */
export function applyRetention(
  records: readonly JobRecord[],
  policy: RetentionPolicy,
  now: number,
): JobRecord[] {
  const oldest = now - policy.maxAgeMs
  const young = records.filter((r) => r.recordedAt >= oldest)
  return young.slice(Math.max(0, young.length - Math.max(0, policy.maxCount)))
}

/** What the writer knows about its file without reading it. */
export interface HistorySummary {
  readonly records: number
  /** The oldest record's `recordedAt`, or null for an empty file. */
  readonly oldestAt: number | null
}

/**
 * Whether the file should be rewritten now. Not on every append once a limit is reached: a rewrite
 * costs the whole file, so it waits until 10% (at least one) more records than allowed are kept,
 * or the oldest record is an hour past the age limit. Reads apply no limit, so a file a little
 * over its limits only holds a few extra jobs until the next rewrite.
 */
export function needsCompaction(
  summary: HistorySummary,
  policy: RetentionPolicy,
  now: number,
): boolean {
  const countSlack = Math.max(1, Math.ceil(policy.maxCount / 10))
  if (summary.records >= policy.maxCount + countSlack) return true
  const ageSlack = Math.min(60 * 60 * 1000, policy.maxAgeMs / 10)
  return summary.oldestAt !== null && summary.oldestAt < now - policy.maxAgeMs - ageSlack
}
