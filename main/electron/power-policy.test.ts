import { describe, expect, it } from 'vitest'
import type { RunnerView } from '../../common/pool-status'
import { powerBlockerAction, shouldPreventSuspension } from './power-policy'

function runner(phase: RunnerView['phase']): RunnerView {
  return {
    name: 'r',
    runnerId: 1,
    containerId: 'c',
    phase,
    ending: null,
    createdAt: 0,
    onlineAt: 0,
    job: phase === 'busy' ? { name: 'build', startedAt: 0, result: null, finishedAt: null } : null,
    problem: null,
    goneAt: null,
  }
}
const busy = runner('busy')
const idle = runner('idle')

describe('power', () => {
  it('prevents suspension only while a live runner runs a job', () => {
    expect(shouldPreventSuspension({ desired: 2, runners: [idle, busy] })).toBe(true)
    expect(shouldPreventSuspension({ desired: 2, runners: [idle] })).toBe(false)
    expect(shouldPreventSuspension({ desired: 0, runners: [] })).toBe(false)
    expect(
      shouldPreventSuspension({
        desired: 1,
        runners: [runner('removing')],
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
