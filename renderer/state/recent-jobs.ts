import type { RunnerView } from '../../common/pool-status'

/** A job result's colour: passed, failed, cancelled or skipped, anything else. */
export type ResultTone = 'ok' | 'error' | 'muted' | 'warn'

/**
 * "Recent jobs": only runners that ran a job, one entry each (newest first, as the engine sends
 * them). The engine already does both; this keeps the list honest if an older engine does not.
 */
export function recentJobs(recent: readonly RunnerView[]): RunnerView[] {
  const seen = new Set<string>()
  return recent.filter((r) => {
    if (r.job === null || seen.has(r.name)) return false
    seen.add(r.name)
    return true
  })
}

/** The badge colour for a job's result (GitHub's conclusions, as the runner prints them). */
export function resultTone(result: string | null): ResultTone {
  switch ((result ?? '').toLowerCase()) {
    case 'succeeded':
    case 'success':
      return 'ok'
    case 'failed':
    case 'failure':
      return 'error'
    case 'canceled':
    case 'cancelled':
    case 'skipped':
      return 'muted'
    default:
      return 'warn'
  }
}

/** When a job ended, else when its runner went, else when it started. */
export function jobEndedAt(r: RunnerView): number {
  return r.job?.finishedAt ?? r.goneAt ?? r.job?.startedAt ?? r.createdAt
}
