import type { RunnerEffect, RunnerState } from '../../../common/runner-machine'
import type { PoolNotice } from './pool-types'

/** The line a runner's news is worth to the user (CLI output, a notification), or null. */
export function runnerNotice(
  effect: RunnerEffect,
  runner: string,
): Pick<PoolNotice, 'level' | 'message'> | null {
  switch (effect.kind) {
    case 'came-online':
      return { level: 'info', message: 'Online, listening for jobs.' }
    case 'took-job':
      return { level: 'info', message: `Running job "${effect.job}".` }
    case 'finished-job':
      // A failed job is news, not a problem of RunnerDock's: the `job` event carries it.
      return { level: 'info', message: `Job "${effect.job}" finished: ${effect.result}.` }
    case 'failed':
      return { level: 'warn', message: effect.message }
    case 'cannot-connect':
      // Told as soon as the runner says so (its row keeps it), not at the online timeout; the
      // tray's notification has no row to lean on, so it names the runner.
      return { level: 'warn', message: `Runner ${runner} ${lowerFirst(effect.message)}` }
    default:
      return null
  }
}

/** The last line of a runner's log, in words: why it went. */
export function endingText(state: RunnerState): string {
  switch (state.ending) {
    case 'job-done':
      return 'Job done; container removed.'
    case 'scaled-down':
      return 'Removed (scaled down).'
    case 'stopped':
      return 'Removed (pool stopped).'
    case 'registration-gone':
      return 'Its registration was deleted on GitHub; container removed.'
    case 'failed':
      return `Failed and removed: ${state.problem ?? 'unknown cause'}`
    default:
      return 'Container exited and was removed.'
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
