import type { Activity, RegistrationState } from './pool-status'
import type { RunnerLogEvent } from './runner-log'

/** A runner's status fields that its log lines move. */
export interface RunnerProgress {
  readonly activity: Activity
  readonly registration: RegistrationState
  readonly onlineAt: number | null
  readonly lastResult: string | null
}

/**
 * How one runner log event changes a runner's status: the single place that turns the runner's
 * words into state, so adoption (replaying a log) and live following agree.
 */
export function applyRunnerLogEvent(
  state: RunnerProgress,
  event: RunnerLogEvent,
  time: number,
): RunnerProgress {
  switch (event.kind) {
    case 'listening':
      if (state.activity.kind === 'busy' || state.activity.kind === 'finished') return state
      return {
        ...state,
        activity: { kind: 'idle', since: time },
        registration: 'online',
        onlineAt: state.onlineAt ?? time,
      }
    case 'job-started':
      return {
        ...state,
        activity: { kind: 'busy', job: event.job, since: time },
        registration: 'online',
        onlineAt: state.onlineAt ?? time,
      }
    case 'job-completed':
      return {
        ...state,
        activity: { kind: 'finished', job: event.job, result: event.result, at: time },
        lastResult: event.result,
      }
    case 'registration-deleted':
      return {
        ...state,
        registration: 'gone',
        activity: { kind: 'stopped', at: time, reason: 'Its registration was deleted on GitHub.' },
      }
    case 'deprecated':
      return { ...state, activity: { kind: 'stopped', at: time, reason: event.message } }
    case 'connected':
    case 'version':
    case 'connect-error':
      return state
  }
}
