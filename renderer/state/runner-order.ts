import { assertNever } from '../../common/assert-never'
import type { RunnerView } from '../../common/pool-status'
import { formatDuration } from './format-time'

// Working runners first, then ready ones, then ones on their way in, then ones on their way out.
const RANK: Record<RunnerView['phase'], number> = {
  busy: 0,
  finished: 1,
  idle: 2,
  starting: 3,
  creating: 3,
  registering: 3,
  retiring: 4,
  cancelling: 4,
  removing: 4,
  gone: 5,
}

/** When a runner began what it is doing (a job: when it started), for sorting and timers. */
export function runnerSince(r: RunnerView): number {
  if (r.phase === 'busy' || r.phase === 'finished') return r.job?.startedAt ?? r.createdAt
  if (r.phase === 'idle') return r.onlineAt ?? r.createdAt
  return r.createdAt
}

/**
 * The runner list's order: working runners first (longest-running job on top), then idle, then
 * starting; runners being removed sink to the bottom. Ties by age, then name.
 */
export function sortRunners(runners: readonly RunnerView[]): RunnerView[] {
  return [...runners].sort(
    (a, b) =>
      RANK[a.phase] - RANK[b.phase] ||
      runnerSince(a) - runnerSince(b) ||
      a.createdAt - b.createdAt ||
      a.name.localeCompare(b.name),
  )
}

/** Why a runner left, in words: an expected shutdown reads as one, not as an error. */
export function describeEnding(r: RunnerView): string {
  switch (r.ending) {
    case 'job-done':
      return r.job ? `Finished ${r.job.name}: ${r.job.result ?? 'no result'}` : 'Finished its job'
    case 'scaled-down':
      return 'Removed (scaled down)'
    case 'stopped':
      return 'Removed (pool stopped)'
    case 'registration-gone':
      return 'Removed: its registration was deleted on GitHub'
    case 'exited':
      return 'Its container exited'
    case 'failed':
      return `Failed: ${r.problem ?? 'unknown cause'}`
    case null:
      return 'Removed'
    default:
      return assertNever(r.ending)
  }
}

/** What a runner is doing, in words, with the time it has been doing it. */
export function describeRunner(r: RunnerView, now: number): string {
  const since = formatDuration(now - runnerSince(r))
  switch (r.phase) {
    case 'registering':
      return 'Registering with GitHub'
    case 'creating':
      return 'Starting its container'
    case 'starting':
      return `Starting (${since})`
    case 'idle':
      return `Waiting for a job (${since})`
    case 'busy':
      return `Running ${r.job?.name ?? 'a job'} (${since})`
    case 'finished':
      return `Finished ${r.job?.name ?? 'its job'}: ${r.job?.result ?? ''}`
    case 'retiring':
      return 'Being removed (scaled down)'
    case 'cancelling':
    case 'removing':
    case 'gone':
      return describeEnding(r)
    default:
      return assertNever(r.phase)
  }
}
