import { resultKind, type JobRecord, type ResultKind } from '../../../common/job-record'
import { formatDuration } from '../../state/format-time'

/** A span, or a dash when unknown (a runner-only record has no wait). */
export function formatSpan(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms)
}

/** When a job ended: the time today, the date and time before today (local, 24-hour). */
export function formatJobTime(at: number, now: number): string {
  const d = new Date(at)
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
  if (new Date(now).toDateString() === d.toDateString()) return hm
  const month = d.toLocaleString('en', { month: 'short' })
  return `${month} ${d.getDate()}, ${hm}`
}

/** A day for the per-day chart's table: `Mon Jan 15`. */
export function formatDay(day: number): string {
  return new Date(day).toDateString().slice(0, 10)
}

/** What the charts say in a sentence, for screen readers and for a glance. */
export function summarizeJobs(records: readonly JobRecord[]): string {
  if (records.length === 0) return 'No jobs.'
  const counts: Record<ResultKind, number> = {
    succeeded: 0,
    failed: 0,
    canceled: 0,
    other: 0,
    unknown: 0,
  }
  for (const r of records) counts[resultKind(r.result)]++
  const parts = (['succeeded', 'failed', 'canceled', 'other'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`)
  if (counts.unknown > 0) parts.push(`${counts.unknown} without a result`)
  return `${records.length} ${records.length === 1 ? 'job' : 'jobs'}: ${parts.join(', ')}.`
}
