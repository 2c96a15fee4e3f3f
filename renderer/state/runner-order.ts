import { assertNever } from '../../common/assert-never'
import type { Activity, RunnerView } from '../../common/pool-status'
import { formatDuration } from './format-time'

const RANK: Record<Activity['kind'], number> = {
  busy: 0,
  idle: 1,
  starting: 2,
  finished: 3,
  stopped: 4,
}

/** When the current activity began (jobs: when they started), for sorting and timers. */
export function activitySince(activity: Activity): number {
  switch (activity.kind) {
    case 'starting':
    case 'idle':
    case 'busy':
      return activity.since
    case 'finished':
    case 'stopped':
      return activity.at
    default:
      return assertNever(activity)
  }
}

/**
 * The runner list's order: working runners first (longest-running job on top), then idle, then
 * starting, then finished; runners being retired sink to the bottom. Ties by age, then name.
 */
export function sortRunners(runners: readonly RunnerView[]): RunnerView[] {
  return [...runners].sort(
    (a, b) =>
      Number(a.retiring) - Number(b.retiring) ||
      RANK[a.activity.kind] - RANK[b.activity.kind] ||
      activitySince(a.activity) - activitySince(b.activity) ||
      a.createdAt - b.createdAt ||
      a.name.localeCompare(b.name),
  )
}

/** What a runner is doing, in words, with the time it has been doing it. */
export function describeActivity(activity: Activity, now: number): string {
  switch (activity.kind) {
    case 'starting':
      return `Starting (${formatDuration(now - activity.since)})`
    case 'idle':
      return `Waiting for a job (${formatDuration(now - activity.since)})`
    case 'busy':
      return `Running ${activity.job} (${formatDuration(now - activity.since)})`
    case 'finished':
      return `Finished ${activity.job}: ${activity.result}`
    case 'stopped':
      return `Stopped: ${activity.reason}`
    default:
      return assertNever(activity)
  }
}
