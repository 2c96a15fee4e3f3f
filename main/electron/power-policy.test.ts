import { describe, expect, it } from 'vitest'
import type { RunnerView } from '../../common/pool-status'
import { makeRunner } from '../../common/testing/fixtures'
import { powerBlockerAction, shouldPreventSuspension } from './power-policy'

function runner(phase: RunnerView['phase']): RunnerView {
  return makeRunner({
    phase,
    job: phase === 'busy' ? { name: 'build', startedAt: 0, result: null, finishedAt: null } : null,
  })
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
