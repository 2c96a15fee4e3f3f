import { describe, expect, it } from 'vitest'
import { backoffMs, planPool, type PlanRunner } from './pool-plan'

const runner = (
  name: string,
  activity: PlanRunner['activity'],
  extra: Partial<PlanRunner> = {},
): PlanRunner => ({
  name,
  container: 'running',
  activity,
  retiring: false,
  createdAt: Number(name.replace(/\D/g, '')) || 0,
  ...extra,
})

describe('planPool', () => {
  it('creates the missing runners, bounded by the parallel limit', () => {
    expect(
      planPool({
        desired: 3,
        stopping: 'no',
        runners: [],
        canCreate: true,
        maxParallelCreates: 10,
      }),
    ).toEqual({ create: 3, retire: [], kill: [] })
    expect(
      planPool({ desired: 20, stopping: 'no', runners: [], canCreate: true, maxParallelCreates: 8 })
        .create,
    ).toBe(8)
    const creating = [
      runner('r1', 'starting', { container: 'creating' }),
      runner('r2', 'starting', { container: 'creating' }),
    ]
    expect(
      planPool({
        desired: 20,
        stopping: 'no',
        runners: creating,
        canCreate: true,
        maxParallelCreates: 8,
      }).create,
    ).toBe(6)
  })

  it('creates nothing while creation is on hold', () => {
    expect(
      planPool({
        desired: 3,
        stopping: 'no',
        runners: [],
        canCreate: false,
        maxParallelCreates: 10,
      }).create,
    ).toBe(0)
  })

  it('retires starting runners, then idle ones, never busy ones', () => {
    const runners = [
      runner('r1', 'busy'),
      runner('r2', 'idle'),
      runner('r3', 'idle'),
      runner('r4', 'starting'),
    ]
    expect(
      planPool({ desired: 1, stopping: 'no', runners, canCreate: true, maxParallelCreates: 10 })
        .retire,
    ).toEqual(['r4', 'r3', 'r2'])
    expect(
      planPool({
        desired: 0,
        stopping: 'no',
        runners: [runner('r1', 'busy')],
        canCreate: true,
        maxParallelCreates: 10,
      }),
    ).toEqual({ create: 0, retire: [], kill: [] })
  })

  it('does not replace a runner that finished its job until it is gone, nor count retiring ones', () => {
    const runners = [runner('r1', 'finished'), runner('r2', 'idle', { retiring: true })]
    expect(
      planPool({ desired: 2, stopping: 'no', runners, canCreate: true, maxParallelCreates: 10 })
        .create,
    ).toBe(2)
  })

  it('drain retires idle runners and lets busy ones finish; stop-now kills everything', () => {
    const runners = [runner('r1', 'busy'), runner('r2', 'idle')]
    expect(
      planPool({ desired: 5, stopping: 'drain', runners, canCreate: true, maxParallelCreates: 10 }),
    ).toEqual({ create: 0, retire: ['r2'], kill: [] })
    expect(
      planPool({ desired: 5, stopping: 'now', runners, canCreate: true, maxParallelCreates: 10 }),
    ).toEqual({ create: 0, retire: [], kill: ['r1', 'r2'] })
  })

  it('never retires a runner whose container is still being created', () => {
    const runners = [runner('r1', 'starting', { container: 'creating' }), runner('r2', 'idle')]
    expect(
      planPool({ desired: 0, stopping: 'no', runners, canCreate: true, maxParallelCreates: 10 })
        .retire,
    ).toEqual(['r2'])
  })
})

describe('backoffMs', () => {
  it('doubles from 2 s and caps at 5 minutes', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n))).toEqual([0, 2000, 4000, 8000])
    expect(backoffMs(50)).toBe(300_000)
  })
})
