/**
 * One runner's life as data: a phase union and a pure `transition(state, event)` that returns the
 * next state and the effects to carry out, or a refusal when the event cannot happen in that
 * phase. The engine's `RunnerLife` only performs effects and feeds results back as events, so
 * every decision about one runner is here and tested without Docker or GitHub.
 *
 *   registering → creating → starting → idle → busy → finished ─┐
 *        │            │          │        │       │             ├→ removing → gone
 *        └→ cancelling (removal asked while a call is in flight) ┘
 *   idle/starting → retiring (registration deleted first) → removing
 */

/** Where a runner is in its life. */
export type RunnerPhase =
  | 'registering'
  | 'creating'
  | 'starting'
  | 'idle'
  | 'busy'
  | 'finished'
  | 'retiring'
  | 'cancelling'
  | 'removing'
  | 'gone'

/** Why a runner left: shown to users; only `failed` counts against the pool's health. */
export type RunnerEnding =
  'job-done' | 'scaled-down' | 'stopped' | 'exited' | 'registration-gone' | 'failed'

/** The job a runner took (one at most: runners are ephemeral). */
export interface RunnerJob {
  readonly name: string
  readonly startedAt: number
  readonly result: string | null
  readonly finishedAt: number | null
}

/** What the cleanup of a gone runner could not remove (it is reported and retried later). */
export interface RunnerLeftover {
  readonly container: boolean
  readonly registration: boolean
}

/** Everything known about one runner. Plain data: no handles, no secrets. */
export interface RunnerState {
  readonly phase: RunnerPhase
  /** When the current phase began. */
  readonly since: number
  readonly createdAt: number
  readonly runnerId: number | null
  readonly containerId: string | null
  readonly onlineAt: number | null
  readonly job: RunnerJob | null
  /** Why it is leaving; set on entering `retiring`, `cancelling` or `removing`. */
  readonly ending: RunnerEnding | null
  /** GitHub no longer holds its registration (deleted by us, or the runner said so). */
  readonly registrationGone: boolean
  /** The container is known to have exited (its logs are to be read to their end). */
  readonly exited: boolean
  /** The last problem worth showing on its row (an error line, a failed call). */
  readonly problem: string | null
  /** In `gone`: what could not be removed. */
  readonly leftover: RunnerLeftover | null
}

/** What happens to a runner: results of its own calls, its log lines, Docker news, pool orders. */
export type RunnerEvent =
  | { readonly kind: 'registered'; readonly runnerId: number }
  | { readonly kind: 'register-failed'; readonly message: string }
  | { readonly kind: 'container-started'; readonly containerId: string }
  | { readonly kind: 'container-failed'; readonly message: string }
  | { readonly kind: 'listening' }
  | { readonly kind: 'job-started'; readonly job: string }
  | { readonly kind: 'job-completed'; readonly job: string; readonly result: string }
  | { readonly kind: 'registration-deleted' }
  | { readonly kind: 'runner-error'; readonly message: string }
  /** The runner said it cannot connect to GitHub (`message` says why, in the user's words). */
  | { readonly kind: 'connect-failed'; readonly message: string }
  | { readonly kind: 'exited'; readonly exitCode: number | null }
  | { readonly kind: 'retire' }
  | { readonly kind: 'unregistered'; readonly outcome: 'deleted' | 'busy' | 'failed' }
  | { readonly kind: 'kill' }
  | { readonly kind: 'online-timeout'; readonly timeoutMs: number }
  | { readonly kind: 'cleaned'; readonly leftover: RunnerLeftover }

/** Work the runner's owner carries out; results come back as events. */
export type RunnerEffect =
  | { readonly kind: 'create-container' }
  | { readonly kind: 'follow-logs' }
  | { readonly kind: 'arm-online-timer' }
  | { readonly kind: 'disarm-online-timer' }
  | { readonly kind: 'unregister' }
  | { readonly kind: 'unregister-later' }
  | {
      readonly kind: 'clean-up'
      readonly drainLogs: boolean
      readonly removeContainer: boolean
      readonly deleteRegistration: boolean
    }
  | { readonly kind: 'came-online' }
  | { readonly kind: 'took-job'; readonly job: string }
  | { readonly kind: 'finished-job'; readonly job: string; readonly result: string }
  | { readonly kind: 'failed'; readonly message: string }
  /** Tell the user now, not at the online timeout: the runner cannot connect (once per cause). */
  | { readonly kind: 'cannot-connect'; readonly message: string }
  | { readonly kind: 'gone' }

/** The outcome of one event: the next state and its effects, or why the event was refused. */
export type Transition =
  | { readonly ok: true; readonly state: RunnerState; readonly effects: readonly RunnerEffect[] }
  | { readonly ok: false; readonly reason: string }

/** A runner about to be registered. */
export function newRunnerState(now: number): RunnerState {
  return {
    phase: 'registering',
    since: now,
    createdAt: now,
    runnerId: null,
    containerId: null,
    onlineAt: null,
    job: null,
    ending: null,
    registrationGone: false,
    exited: false,
    problem: null,
    leftover: null,
  }
}

/**
 * A runner found running at start-up, left by an earlier session: its log is replayed from the
 * container's start, so it begins as `starting` and its own lines move it on.
 */
export function adoptedRunnerState(
  now: number,
  createdAt: number,
  runnerId: number | null,
  containerId: string,
): RunnerState {
  return { ...newRunnerState(createdAt), phase: 'starting', since: now, runnerId, containerId }
}

/** Phases in which the runner holds (or will hold) a place in the pool. */
export function isLivePhase(phase: RunnerPhase): boolean {
  return !['retiring', 'cancelling', 'removing', 'gone'].includes(phase)
}

const same = (state: RunnerState): Transition => ({ ok: true, state, effects: [] })
const refuse = (state: RunnerState, event: RunnerEvent): Transition => ({
  ok: false,
  reason: `"${event.kind}" cannot happen while ${state.phase}`,
})
const to = (
  state: RunnerState,
  phase: RunnerPhase,
  now: number,
  changes: Partial<RunnerState>,
  effects: readonly RunnerEffect[] = [],
): Transition => ({ ok: true, state: { ...state, ...changes, phase, since: now }, effects })

/** Enters `removing`: cleans up whatever the runner holds, for the given reason. */
function remove(
  state: RunnerState,
  now: number,
  ending: RunnerEnding,
  extra: readonly RunnerEffect[] = [],
  changes: Partial<RunnerState> = {},
): Transition {
  const next = { ...state, ...changes }
  return to(state, 'removing', now, { ...changes, ending: next.ending ?? ending }, [
    { kind: 'disarm-online-timer' },
    ...extra,
    {
      kind: 'clean-up',
      drainLogs: next.exited && next.containerId !== null,
      removeContainer: next.containerId !== null,
      deleteRegistration: next.runnerId !== null && !next.registrationGone,
    },
  ])
}

/** Why a runner that exited without a job left, in words for its row. */
function exitProblem(state: RunnerState, exitCode: number | null): string {
  if (state.problem) return `It exited before coming online: ${state.problem}`
  return exitCode === null
    ? 'It exited before coming online.'
    : `It exited before coming online (exit code ${exitCode}).`
}

/** The runner's next state for `event` at `now`; pure. */
export function transition(state: RunnerState, event: RunnerEvent, now: number): Transition {
  const { phase } = state
  switch (event.kind) {
    case 'registered':
      if (phase === 'registering')
        return to(state, 'creating', now, { runnerId: event.runnerId }, [
          { kind: 'create-container' },
        ])
      if (phase === 'cancelling' && state.runnerId === null)
        return remove(state, now, 'stopped', [], { runnerId: event.runnerId })
      return refuse(state, event)

    case 'register-failed':
      if (phase === 'registering')
        return to(state, 'gone', now, { ending: 'failed', problem: event.message }, [
          { kind: 'gone' },
        ])
      if (phase === 'cancelling' && state.runnerId === null)
        return to(state, 'gone', now, {}, [{ kind: 'gone' }])
      return refuse(state, event)

    case 'container-started':
      if (phase === 'creating')
        return to(state, 'starting', now, { containerId: event.containerId }, [
          { kind: 'follow-logs' },
          { kind: 'arm-online-timer' },
        ])
      if (phase === 'cancelling' && state.runnerId !== null && state.containerId === null)
        return remove(state, now, 'stopped', [], { containerId: event.containerId })
      return refuse(state, event)

    case 'container-failed':
      if (phase === 'creating')
        return remove(state, now, 'failed', [{ kind: 'failed', message: event.message }], {
          problem: event.message,
        })
      if (phase === 'cancelling' && state.runnerId !== null && state.containerId === null)
        return remove(state, now, 'stopped')
      return refuse(state, event)

    case 'listening':
      if (phase === 'starting')
        return to(state, 'idle', now, { onlineAt: state.onlineAt ?? now, problem: null }, [
          { kind: 'disarm-online-timer' },
          { kind: 'came-online' },
        ])
      // The listener prints it again after reconnecting; a runner on its way out may too.
      if (['idle', 'retiring', 'removing', 'cancelling'].includes(phase)) return same(state)
      return refuse(state, event)

    case 'job-started': {
      const job: RunnerJob = { name: event.job, startedAt: now, result: null, finishedAt: null }
      if (state.job !== null) return refuse(state, event) // one job per runner, ever
      if (phase === 'idle' || phase === 'starting' || phase === 'retiring')
        return to(state, 'busy', now, { job, onlineAt: state.onlineAt ?? now }, [
          { kind: 'disarm-online-timer' },
          { kind: 'took-job', job: event.job },
        ])
      // A log read to its end after the container exited still tells what the runner did.
      if (phase === 'removing') return same({ ...state, job })
      return refuse(state, event)
    }

    case 'job-completed': {
      // Only the job it took can complete: a job cannot end itself by printing the line.
      if (state.job === null || state.job.result !== null || state.job.name !== event.job)
        return refuse(state, event)
      const job = { ...state.job, result: event.result, finishedAt: now }
      if (phase === 'busy')
        return to(state, 'finished', now, { job }, [
          { kind: 'finished-job', job: event.job, result: event.result },
        ])
      if (phase === 'removing')
        return {
          ok: true,
          state: { ...state, job, ending: 'job-done' },
          effects: [{ kind: 'finished-job', job: event.job, result: event.result }],
        }
      return refuse(state, event)
    }

    case 'registration-deleted':
      if (phase === 'gone') return refuse(state, event)
      return same({ ...state, registrationGone: true })

    case 'runner-error':
      if (phase === 'gone') return refuse(state, event)
      return same({ ...state, problem: event.message })

    case 'connect-failed':
      if (phase === 'gone') return refuse(state, event)
      // The listener says it once per outage; a repeat of the same cause is not news.
      if (state.problem === event.message) return same(state)
      return {
        ok: true,
        state: { ...state, problem: event.message },
        effects: isLivePhase(phase) ? [{ kind: 'cannot-connect', message: event.message }] : [],
      }

    case 'exited': {
      if (phase === 'gone') return refuse(state, event)
      // Before `create` returns: the log follow that starts next ends at once and says it again.
      if (phase === 'registering' || phase === 'creating' || phase === 'cancelling')
        return same(state)
      if (phase === 'removing') return same({ ...state, exited: true })
      const exited = { exited: true }
      if (phase === 'starting') {
        const message = exitProblem(state, event.exitCode)
        return remove(state, now, 'failed', [{ kind: 'failed', message }], {
          ...exited,
          problem: message,
        })
      }
      if (phase === 'finished') return remove(state, now, 'job-done', [], exited)
      if (phase === 'busy') return remove(state, now, 'exited', [], exited)
      if (phase === 'retiring') return remove(state, now, 'scaled-down', [], exited)
      return remove(state, now, state.registrationGone ? 'registration-gone' : 'exited', [], exited)
    }

    case 'retire':
      if (phase === 'idle' || phase === 'starting')
        return to(state, 'retiring', now, { ending: 'scaled-down' }, [
          { kind: 'disarm-online-timer' },
          { kind: 'unregister' },
        ])
      if (phase === 'registering' || phase === 'creating')
        return to(state, 'cancelling', now, { ending: 'scaled-down' })
      return refuse(state, event)

    case 'unregistered':
      if (phase === 'retiring') {
        if (event.outcome === 'deleted')
          return remove(state, now, 'scaled-down', [], { registrationGone: true })
        // GitHub kept it (422): the runner took a job between our decision and the delete.
        if (event.outcome === 'busy')
          return to(state, 'idle', now, { ending: null, onlineAt: state.onlineAt ?? now })
        // GitHub did not answer: it may just have given this runner a job, so it stays until the
        // delete succeeds (or answers 404).
        return {
          ok: true,
          state: { ...state, problem: 'Its registration could not be deleted yet; retrying.' },
          effects: [{ kind: 'unregister-later' }],
        }
      }
      // The answer to a delete sent before the runner took a job, was killed or exited.
      if (phase === 'busy' || phase === 'finished')
        return event.outcome === 'busy' ? same(state) : refuse(state, event)
      if (phase === 'removing')
        return same(event.outcome === 'deleted' ? { ...state, registrationGone: true } : state)
      return refuse(state, event)

    case 'kill':
      if (phase === 'registering' || phase === 'creating')
        return to(state, 'cancelling', now, { ending: 'stopped' })
      if (phase === 'removing' || phase === 'cancelling') return same(state)
      if (phase === 'gone') return refuse(state, event)
      return remove(state, now, 'stopped', [], { ending: state.ending ?? 'stopped' })

    case 'online-timeout':
      if (phase !== 'starting') return refuse(state, event)
      {
        const why = state.problem ? ` Last error: ${state.problem}` : ''
        const message = `It did not come online within ${Math.round(event.timeoutMs / 1000)} s.${why}`
        return remove(state, now, 'failed', [{ kind: 'failed', message }], { problem: message })
      }

    case 'cleaned':
      if (phase !== 'removing') return refuse(state, event)
      return to(state, 'gone', now, { leftover: event.leftover }, [{ kind: 'gone' }])
  }
}
