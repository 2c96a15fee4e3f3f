import { describe, expect, it } from 'vitest'
import {
  backoffMs,
  planPool,
  type PlanInput,
  type PlanRunner,
  type TargetPlanInput,
} from './pool-plan'

const NOW = 1_000_000
const runner = (
  name: string,
  phase: PlanRunner['phase'],
  extra: Partial<PlanRunner> = {},
): PlanRunner => ({
  name,
  phase,
  createdAt: Number(name.replace(/\D/g, '')) || 0,
  idleSince: phase === 'idle' ? NOW : null,
  finishedAt: phase === 'finished' ? NOW : null,
  ...extra,
})
const target = (key: string, extra: Partial<TargetPlanInput> = {}): TargetPlanInput => ({
  key,
  canCreate: true,
  runners: [],
  queued: [],
  ...extra,
})
const FIXED = (perTarget: number) => ({ kind: 'fixed' as const, perTarget })
const DEMAND = (minIdle = 0, idleTimeoutMs = 300_000) => ({
  kind: 'on-demand' as const,
  minIdle,
  idleTimeoutMs,
})
const plan = (input: Partial<PlanInput>) =>
  planPool({
    mode: FIXED(0),
    max: 64,
    stopping: 'no',
    targets: [target('a')],
    maxParallelCreates: 10,
    now: NOW,
    finishedGraceMs: 30_000,
    ...input,
  })
const a = (input: Partial<PlanInput>) => plan(input).get('a')!

describe('planPool, fixed', () => {
  it('creates the missing runners, bounded by the parallel limit', () => {
    expect(a({ mode: FIXED(3) })).toEqual({ wanted: 3, create: 3, retire: [], kill: [] })
    expect(a({ mode: FIXED(20), maxParallelCreates: 8 }).create).toBe(8)
    const making = [runner('r1', 'registering'), runner('r2', 'creating')]
    expect(
      a({ mode: FIXED(20), targets: [target('a', { runners: making })], maxParallelCreates: 8 })
        .create,
    ).toBe(6)
  })

  it('creates nothing for a target on hold, while the others go on', () => {
    const plans = plan({
      mode: FIXED(2),
      targets: [target('a', { canCreate: false }), target('b')],
    })
    expect(plans.get('a')!.create).toBe(0)
    expect(plans.get('b')!.create).toBe(2)
  })

  it('retires runners not yet made, then starting ones, then idle ones, never busy ones', () => {
    const runners = [
      runner('r1', 'busy'),
      runner('r2', 'idle'),
      runner('r3', 'idle'),
      runner('r4', 'starting'),
      runner('r5', 'creating'),
    ]
    expect(a({ mode: FIXED(1), targets: [target('a', { runners })] }).retire).toEqual([
      'r5',
      'r4',
      'r3',
      'r2',
    ])
    expect(
      a({ mode: FIXED(0), targets: [target('a', { runners: [runner('r1', 'busy')] })] }),
    ).toEqual({
      wanted: 0,
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
    expect(a({ mode: FIXED(2), targets: [target('a', { runners })] }).create).toBe(2)
  })

  it('counts a finished runner again once it overstays its grace (a job printing the completion line)', () => {
    const lingering = runner('r1', 'finished', { finishedAt: NOW - 31_000 })
    expect(a({ mode: FIXED(2), targets: [target('a', { runners: [lingering] })] }).create).toBe(1)
    expect(
      a({ mode: FIXED(1), targets: [target('a', { runners: [lingering, runner('r2', 'idle')] })] })
        .retire,
    ).toEqual(['r2'])
  })

  it('shares the machine maximum round-robin between targets', () => {
    const plans = plan({ mode: FIXED(4), max: 5, targets: [target('a'), target('b'), target('c')] })
    expect([...plans.values()].map((p) => p.create)).toEqual([2, 2, 1])
  })

  it('retires idle runners when the maximum is lowered below what runs, from the fullest target', () => {
    const plans = plan({
      mode: FIXED(3),
      max: 3,
      targets: [
        target('a', {
          runners: [runner('a1', 'idle'), runner('a2', 'idle'), runner('a3', 'busy')],
        }),
        target('b', { runners: [runner('b1', 'idle'), runner('b2', 'busy')] }),
      ],
    })
    expect(plans.get('a')!.retire).toHaveLength(2)
    expect(plans.get('b')!.retire).toEqual([])
  })

  it('drain retires idle runners and lets busy ones finish; stop-now kills everything not yet leaving', () => {
    const runners = [runner('r1', 'busy'), runner('r2', 'idle'), runner('r3', 'removing')]
    expect(a({ mode: FIXED(5), stopping: 'drain', targets: [target('a', { runners })] })).toEqual({
      wanted: 0,
      create: 0,
      retire: ['r2'],
      kill: [],
    })
    expect(a({ mode: FIXED(5), stopping: 'now', targets: [target('a', { runners })] })).toEqual({
      wanted: 0,
      create: 0,
      retire: [],
      kill: ['r1', 'r2'],
    })
  })
})

describe('planPool, on demand', () => {
  it('shrinks to nothing with no jobs and no warm minimum, and creates one runner per queued job', () => {
    expect(a({ mode: DEMAND() })).toEqual({ wanted: 0, create: 0, retire: [], kill: [] })
    expect(a({ mode: DEMAND(), targets: [target('a', { queued: [1, 2, 3] })] }).create).toBe(3)
  })

  it('counts idle and starting runners against queued jobs, and keeps a warm minimum idle', () => {
    const runners = [runner('r1', 'idle'), runner('r2', 'starting'), runner('r3', 'busy')]
    expect(
      a({ mode: DEMAND(), targets: [target('a', { runners, queued: [1, 2, 3] })] }),
    ).toMatchObject({
      wanted: 4,
      create: 1,
    })
    expect(
      a({ mode: DEMAND(1), targets: [target('a', { runners: [runner('r3', 'busy')] })] }),
    ).toMatchObject({
      wanted: 2,
      create: 1,
    })
  })

  it('removes idle runners above the minimum only once idle for the timeout, longest idle first', () => {
    const fresh = runner('r1', 'idle', { idleSince: NOW - 1_000 })
    const old = runner('r2', 'idle', { idleSince: NOW - 400_000 })
    const older = runner('r3', 'idle', { idleSince: NOW - 500_000 })
    expect(a({ mode: DEMAND(), targets: [target('a', { runners: [fresh] })] }).retire).toEqual([])
    expect(
      a({ mode: DEMAND(1), targets: [target('a', { runners: [fresh, old, older] })] }).retire,
    ).toEqual(['r3', 'r2'])
    // A starting runner is never cut short: it idles out later.
    expect(
      a({ mode: DEMAND(), targets: [target('a', { runners: [runner('r4', 'starting')] })] }).retire,
    ).toEqual([])
  })

  it('never removes a busy runner', () => {
    expect(
      a({ mode: DEMAND(), targets: [target('a', { runners: [runner('r1', 'busy')] })] }),
    ).toMatchObject({
      wanted: 1,
      retire: [],
    })
  })

  it('at the maximum, serves the oldest waiting job first, across targets', () => {
    const plans = plan({
      mode: DEMAND(),
      max: 3,
      targets: [
        target('a', { queued: [50, 60, 70] }),
        target('b', { queued: [10] }),
        target('c', { queued: [55] }),
      ],
    })
    expect(plans.get('b')!.create).toBe(1)
    expect(plans.get('a')!.create).toBe(1)
    expect(plans.get('c')!.create).toBe(1)
  })

  it('among jobs queued in the same second, a place that frees up goes to the target with the fewest runners', () => {
    // GitHub stamps created_at in whole seconds: a burst ties. One place frees up per pass.
    const busy = (key: string, n: number) =>
      Array.from({ length: n }, (_, i) => runner(`${key}${i + 1}`, 'busy'))
    const pass = (a: number, b: number, c: number) =>
      plan({
        mode: DEMAND(),
        max: a + b + c + 1,
        targets: [
          target('a', { runners: busy('a', a), queued: [5, 5] }),
          target('b', { runners: busy('b', b), queued: [5, 5] }),
          target('c', { runners: busy('c', c), queued: [5, 5] }),
        ],
      })
    const chosen = (plans: ReturnType<typeof pass>) =>
      [...plans].filter(([, p]) => p.create > 0).map(([key]) => key)
    expect(chosen(pass(0, 0, 0))).toEqual(['a'])
    expect(chosen(pass(1, 0, 0))).toEqual(['b'])
    expect(chosen(pass(1, 1, 0))).toEqual(['c'])
    expect(chosen(pass(3, 0, 1))).toEqual(['b'])
    // An older job still goes first, however many runners its target has.
    const older = plan({
      mode: DEMAND(),
      max: 4,
      targets: [target('a', { runners: busy('a', 3), queued: [4] }), target('b', { queued: [5] })],
    })
    expect(chosen(older)).toEqual(['a'])
  })

  it('a failing target backs off alone: its jobs leave room to the others', () => {
    const plans = plan({
      mode: DEMAND(),
      max: 2,
      targets: [target('a', { queued: [1, 2], canCreate: false }), target('b', { queued: [5, 6] })],
    })
    expect(plans.get('a')!.create).toBe(0)
    expect(plans.get('b')!.create).toBe(2)
  })
})

describe('backoffMs', () => {
  it('doubles from 2 s and caps at 5 minutes', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n))).toEqual([0, 2000, 4000, 8000])
    expect(backoffMs(50)).toBe(300_000)
  })
})
