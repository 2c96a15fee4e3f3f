import { describe, expect, it } from 'vitest'
import {
  adoptedRunnerState,
  newRunnerState,
  transition,
  type RunnerEffect,
  type RunnerEvent,
  type RunnerState,
} from './runner-machine'

const T0 = 1_000_000
const base = newRunnerState(T0)
const job = { name: 'build', startedAt: T0 + 3, result: null, finishedAt: null }

/** One representative state per phase (and the two kinds of cancelling). */
const states: Record<string, RunnerState> = {
  registering: base,
  creating: { ...base, phase: 'creating', runnerId: 7 },
  starting: { ...base, phase: 'starting', runnerId: 7, containerId: 'c1' },
  idle: { ...base, phase: 'idle', runnerId: 7, containerId: 'c1', onlineAt: T0 + 2 },
  busy: { ...base, phase: 'busy', runnerId: 7, containerId: 'c1', onlineAt: T0 + 2, job },
  finished: {
    ...base,
    phase: 'finished',
    runnerId: 7,
    containerId: 'c1',
    onlineAt: T0 + 2,
    job: { ...job, result: 'Succeeded', finishedAt: T0 + 9 },
  },
  retiring: {
    ...base,
    phase: 'retiring',
    runnerId: 7,
    containerId: 'c1',
    onlineAt: T0 + 2,
    ending: 'scaled-down',
  },
  cancelling: { ...base, phase: 'cancelling', ending: 'stopped' },
  'cancelling+registered': { ...base, phase: 'cancelling', runnerId: 7, ending: 'stopped' },
  removing: { ...base, phase: 'removing', runnerId: 7, containerId: 'c1', ending: 'stopped' },
  gone: { ...base, phase: 'gone', ending: 'job-done' },
}

const events: Record<string, RunnerEvent> = {
  registered: { kind: 'registered', runnerId: 7 },
  'register-failed': { kind: 'register-failed', message: 'no' },
  'container-started': { kind: 'container-started', containerId: 'c1' },
  'container-failed': { kind: 'container-failed', message: 'no image' },
  listening: { kind: 'listening' },
  'job-started': { kind: 'job-started', job: 'build' },
  'job-completed': { kind: 'job-completed', job: 'build', result: 'Succeeded' },
  'registration-deleted': { kind: 'registration-deleted' },
  'runner-error': { kind: 'runner-error', message: 'cannot connect' },
  'connect-failed': { kind: 'connect-failed', message: 'Cannot reach https://api.github.com' },
  exited: { kind: 'exited', exitCode: 0 },
  retire: { kind: 'retire' },
  'unregistered:deleted': { kind: 'unregistered', outcome: 'deleted' },
  'unregistered:busy': { kind: 'unregistered', outcome: 'busy' },
  'unregistered:failed': { kind: 'unregistered', outcome: 'failed' },
  kill: { kind: 'kill' },
  'online-timeout': { kind: 'online-timeout', timeoutMs: 30_000 },
  cleaned: { kind: 'cleaned', leftover: { container: false, registration: false } },
}

// The whole table: the phase each event leads to, or "-" where the event cannot happen.
// Columns follow `events` above.
const cols = Object.keys(events)
const table: Record<string, string> = {
  // reg        regF     cStart   cFail    listen   jobS     jobC     regDel   err      conn     exited   retire     unDel    unBusy   unFail   kill       timeout  cleaned
  registering:
    'creating   gone     -        -        -        -        -        =        =        =        =        cancelling -        -        -        cancelling -        -',
  creating:
    '-          -        starting removing -        -        -        =        =        =        =        cancelling -        -        -        cancelling -        -',
  starting:
    '-          -        -        -        idle     busy     -        =        =        =        removing retiring   -        -        -        removing   removing -',
  idle: '-          -        -        -        =        busy     -        =        =        =        removing retiring   -        -        -        removing   -        -',
  busy: '-          -        -        -        -        -        finished =        =        =        removing -          -        =        -        removing   -        -',
  finished:
    '-          -        -        -        -        -        -        =        =        =        removing -          -        =        -        removing   -        -',
  retiring:
    '-          -        -        -        =        busy     -        =        =        =        removing -          removing idle     =        removing   -        -',
  cancelling:
    'removing   gone     -        -        =        -        -        =        =        =        =        -          -        -        -        =          -        -',
  'cancelling+registered':
    '-          -        removing removing =        -        -        =        =        =        =        -          -        -        -        =          -        -',
  removing:
    '-          -        -        -        =        =        -        =        =        =        =        -          =        =        =        =          -        gone',
  gone: '-          -        -        -        -        -        -        -        -        -        -        -          -        -        -        -          -        -',
}

describe('a runner’s life: every event in every phase', () => {
  for (const [row, cells] of Object.entries(table)) {
    const expected = cells.trim().split(/\s+/)
    it(`${row}: ${expected.length} events`, () => {
      expect(expected).toHaveLength(cols.length)
      const state = states[row]!
      const got = cols.map((col) => {
        const t = transition(state, events[col]!, T0 + 100)
        if (!t.ok) return '-'
        return t.state.phase === state.phase ? '=' : t.state.phase
      })
      expect(Object.fromEntries(cols.map((c, i) => [c, got[i]]))).toEqual(
        Object.fromEntries(cols.map((c, i) => [c, expected[i]])),
      )
    })
  }

  it('says why an event was refused, naming the event and the phase', () => {
    const t = transition(states.gone!, events.kill!, T0)
    expect(t).toEqual({ ok: false, reason: '"kill" cannot happen while gone' })
  })
})

const kinds = (effects: readonly RunnerEffect[]) => effects.map((e) => e.kind)
function run(
  state: RunnerState,
  ...list: RunnerEvent[]
): { state: RunnerState; effects: RunnerEffect[] } {
  const effects: RunnerEffect[] = []
  let now = state.since
  for (const event of list) {
    const t = transition(state, event, ++now)
    if (!t.ok) throw new Error(t.reason)
    state = t.state
    effects.push(...t.effects)
  }
  return { state, effects }
}

describe('a runner’s life: paths', () => {
  it('registers, starts, comes online, runs one job and is cleaned up after it exits', () => {
    const { state, effects } = run(
      base,
      events.registered!,
      events['container-started']!,
      events.listening!,
      events['job-started']!,
      events['job-completed']!,
      events.exited!,
      events.cleaned!,
    )
    expect(state).toMatchObject({ phase: 'gone', ending: 'job-done', runnerId: 7 })
    expect(state.job).toMatchObject({ name: 'build', result: 'Succeeded' })
    expect(kinds(effects)).toEqual([
      'create-container',
      'follow-logs',
      'arm-online-timer',
      'disarm-online-timer',
      'came-online',
      'disarm-online-timer',
      'took-job',
      'finished-job',
      'disarm-online-timer',
      'clean-up',
      'gone',
    ])
    expect(effects.find((e) => e.kind === 'clean-up')).toEqual({
      kind: 'clean-up',
      drainLogs: true,
      removeContainer: true,
      deleteRegistration: true,
    })
  })

  it('a die event that overtakes the log: the completion line read while draining still counts', () => {
    const { state, effects } = run(states.busy!, events.exited!, events['job-completed']!)
    expect(state).toMatchObject({ phase: 'removing', ending: 'job-done' })
    expect(state.job?.result).toBe('Succeeded')
    expect(kinds(effects)).toContain('finished-job')
  })

  it('a repeated die is harmless', () => {
    const { state, effects } = run(states.idle!, events.exited!, events.exited!)
    expect(state.phase).toBe('removing')
    expect(kinds(effects).filter((k) => k === 'clean-up')).toHaveLength(1)
  })

  it('a job cannot finish itself by printing a completion line for another job, or start a second one', () => {
    expect(
      transition(states.busy!, { kind: 'job-completed', job: 'other', result: 'Succeeded' }, T0).ok,
    ).toBe(false)
    expect(transition(states.busy!, events['job-started']!, T0).ok).toBe(false)
    expect(transition(states.finished!, events['job-completed']!, T0).ok).toBe(false)
  })

  it('retiring deletes the registration before the container; 422 means it took a job and stays', () => {
    const retired = run(states.idle!, events.retire!)
    expect(kinds(retired.effects)).toEqual(['disarm-online-timer', 'unregister'])
    const kept = run(retired.state, events['unregistered:busy']!)
    expect(kept.state).toMatchObject({ phase: 'idle', ending: null })
    const gone = run(retired.state, events['unregistered:deleted']!)
    expect(gone.state).toMatchObject({ phase: 'removing', registrationGone: true })
    expect(gone.effects.find((e) => e.kind === 'clean-up')).toMatchObject({
      removeContainer: true,
      deleteRegistration: false,
      drainLogs: false,
    })
  })

  it('a delete GitHub did not answer keeps the runner and tries again later', () => {
    const { state, effects } = run(states.idle!, events.retire!, events['unregistered:failed']!)
    expect(state.phase).toBe('retiring')
    expect(kinds(effects)).toContain('unregister-later')
  })

  it('a kill during registration waits for the call, then deletes what it made', () => {
    const cancelled = run(base, events.kill!)
    expect(cancelled.state.phase).toBe('cancelling')
    expect(cancelled.effects).toEqual([])
    const registered = run(cancelled.state, events.registered!)
    expect(registered.state).toMatchObject({ phase: 'removing', runnerId: 7, ending: 'stopped' })
    expect(registered.effects.find((e) => e.kind === 'clean-up')).toMatchObject({
      removeContainer: false,
      deleteRegistration: true,
    })
  })

  it('a kill during container creation removes the container once Docker returns it', () => {
    const { state, effects } = run(states.creating!, events.kill!, events['container-started']!)
    expect(state).toMatchObject({ phase: 'removing', containerId: 'c1' })
    expect(effects.find((e) => e.kind === 'clean-up')).toMatchObject({
      removeContainer: true,
      deleteRegistration: true,
    })
    expect(kinds(effects)).not.toContain('follow-logs')
  })

  it('a runner that exits before coming online is a failure that quotes its last error', () => {
    const { state, effects } = run(states.starting!, events['runner-error']!, events.exited!)
    expect(state).toMatchObject({ phase: 'removing', ending: 'failed' })
    expect(effects).toContainEqual({
      kind: 'failed',
      message: 'It exited before coming online: cannot connect',
    })
  })

  it('a runner that cannot connect is told at once, once per cause, and quoted at the timeout', () => {
    const refused: RunnerEvent = { kind: 'connect-failed', message: 'Cannot reach A: refused' }
    const dns: RunnerEvent = { kind: 'connect-failed', message: 'Cannot reach A: no such host' }
    const { state, effects } = run(states.starting!, refused, refused, dns, refused)
    expect(state).toMatchObject({ phase: 'starting', problem: 'Cannot reach A: refused' })
    expect(effects).toEqual([
      { kind: 'cannot-connect', message: 'Cannot reach A: refused' },
      { kind: 'cannot-connect', message: 'Cannot reach A: no such host' },
      { kind: 'cannot-connect', message: 'Cannot reach A: refused' },
    ])
    const timedOut = run(state, events['online-timeout']!)
    expect(timedOut.state.problem).toBe(
      'It did not come online within 30 s. Last error: Cannot reach A: refused',
    )
    // A runner on its way out keeps the reason on its row without telling anyone again.
    expect(run(states.removing!, refused).effects).toEqual([])
    expect(run(states.removing!, refused).state.problem).toBe('Cannot reach A: refused')
  })

  it('the online timeout fails a runner still starting, and is refused once it is online', () => {
    const timedOut = run(states.starting!, events['online-timeout']!)
    expect(timedOut.state.ending).toBe('failed')
    expect(kinds(timedOut.effects)).toContain('failed')
    expect(transition(states.idle!, events['online-timeout']!, T0).ok).toBe(false)
  })

  it('an adopted runner replays its log from the start', () => {
    const adopted = adoptedRunnerState(T0 + 50, T0, 9, 'c9')
    const { state } = run(adopted, events.listening!, events['job-started']!)
    expect(state).toMatchObject({ phase: 'busy', runnerId: 9, containerId: 'c9', createdAt: T0 })
  })

  it('cleaning up records what was left behind', () => {
    const leftover = { container: false, registration: true }
    const { state } = run(states.removing!, { kind: 'cleaned', leftover })
    expect(state).toMatchObject({ phase: 'gone', leftover })
  })
})
