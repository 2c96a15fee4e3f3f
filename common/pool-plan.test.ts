import { describe, expect, it } from 'vitest'
import { backoffMs, planPool, type PlanInput, type PlanRunner } from './pool-plan'

const NOW = 1_000_000
const runner = (
  name: string,
  phase: PlanRunner['phase'],
  extra: Partial<PlanRunner> = {},
): PlanRunner => ({
  name,
  phase,
  createdAt: Number(name.replace(/\D/g, '')) || 0,
  finishedAt: phase === 'finished' ? NOW : null,
  ...extra,
})
const plan = (input: Partial<PlanInput>) =>
  planPool({
    desired: 0,
    stopping: 'no',
    runners: [],
    canCreate: true,
    maxParallelCreates: 10,
    now: NOW,
    finishedGraceMs: 30_000,
    ...input,
  })

describe('planPool', () => {
  it('creates the missing runners, bounded by the parallel limit', () => {
    expect(plan({ desired: 3 })).toEqual({ create: 3, retire: [], kill: [] })
    expect(plan({ desired: 20, maxParallelCreates: 8 }).create).toBe(8)
    const making = [runner('r1', 'registering'), runner('r2', 'creating')]
    expect(plan({ desired: 20, runners: making, maxParallelCreates: 8 }).create).toBe(6)
  })

  it('creates nothing while creation is on hold', () => {
    expect(plan({ desired: 3, canCreate: false }).create).toBe(0)
  })

  it('retires runners not yet made, then starting ones, then idle ones, never busy ones', () => {
    const runners = [
      runner('r1', 'busy'),
      runner('r2', 'idle'),
      runner('r3', 'idle'),
      runner('r4', 'starting'),
      runner('r5', 'creating'),
    ]
    expect(plan({ desired: 1, runners }).retire).toEqual(['r5', 'r4', 'r3', 'r2'])
    expect(plan({ desired: 0, runners: [runner('r1', 'busy')] })).toEqual({
      create: 0,
      retire: [],
      kill: [],
    })
  })

  it('replaces a runner that finished its job at once, and does not count ones on their way out', () => {
    const runners = [
      runner('r1', 'finished'),
      runner('r2', 'retiring'),
      runner('r3', 'removing'),
      runner('r4', 'cancelling'),
    ]
    expect(plan({ desired: 2, runners }).create).toBe(2)
  })

  it('counts a finished runner again once it overstays its grace (a job printing the completion line)', () => {
    const lingering = runner('r1', 'finished', { finishedAt: NOW - 31_000 })
    expect(plan({ desired: 2, runners: [lingering] }).create).toBe(1)
    expect(plan({ desired: 1, runners: [lingering, runner('r2', 'idle')] }).retire).toEqual(['r2'])
  })

  it('drain retires idle runners and lets busy ones finish; stop-now kills everything not yet leaving', () => {
    const runners = [runner('r1', 'busy'), runner('r2', 'idle'), runner('r3', 'removing')]
    expect(plan({ desired: 5, stopping: 'drain', runners })).toEqual({
      create: 0,
      retire: ['r2'],
      kill: [],
    })
    expect(plan({ desired: 5, stopping: 'now', runners })).toEqual({
      create: 0,
      retire: [],
      kill: ['r1', 'r2'],
    })
  })
})

describe('backoffMs', () => {
  it('doubles from 2 s and caps at 5 minutes', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n))).toEqual([0, 2000, 4000, 8000])
    expect(backoffMs(50)).toBe(300_000)
  })
})
