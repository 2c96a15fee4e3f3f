import { describe, expect, it } from 'vitest'
import type { RunnerView } from '../../common/pool-status'
import { powerBlockerAction, shouldPreventSuspension } from './power-policy'

function runner(
  activity: RunnerView['activity'],
  container: RunnerView['container'] = 'running',
): RunnerView {
  return {
    name: 'r',
    runnerId: 1,
    containerId: 'c',
    container,
    registration: 'online',
    activity,
    retiring: false,
    createdAt: 0,
    onlineAt: 0,
    lastResult: null,
  }
}
const busy = runner({ kind: 'busy', job: 'build', since: 0 })
const idle = runner({ kind: 'idle', since: 0 })

describe('power', () => {
  it('prevents suspension only while a live runner runs a job', () => {
    expect(shouldPreventSuspension({ desired: 2, runners: [idle, busy] })).toBe(true)
    expect(shouldPreventSuspension({ desired: 2, runners: [idle] })).toBe(false)
    expect(shouldPreventSuspension({ desired: 0, runners: [] })).toBe(false)
    expect(
      shouldPreventSuspension({
        desired: 1,
        runners: [runner({ kind: 'busy', job: 'x', since: 0 }, 'exited')],
      }),
    ).toBe(false)
  })

  it('starts and stops the blocker on transitions only', () => {
    expect(powerBlockerAction(false, { desired: 1, runners: [busy] })).toBe('start')
    expect(powerBlockerAction(true, { desired: 1, runners: [busy] })).toBe('none')
    expect(powerBlockerAction(true, { desired: 1, runners: [idle] })).toBe('stop')
    expect(powerBlockerAction(false, { desired: 1, runners: [idle] })).toBe('none')
  })
})
