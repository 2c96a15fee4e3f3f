import { describe, expect, it } from 'vitest'
import { makeRunner } from '../test/fixtures'
import { describeActivity, sortRunners } from './runner-order'

describe('sortRunners', () => {
  it('puts busy runners first (longest job on top), then idle, starting, finished; retiring last', () => {
    const runners = [
      makeRunner({ name: 'starting', activity: { kind: 'starting', since: 5 } }),
      makeRunner({
        name: 'retiring-busy',
        retiring: true,
        activity: { kind: 'busy', job: 'j', since: 1 },
      }),
      makeRunner({ name: 'idle', activity: { kind: 'idle', since: 3 } }),
      makeRunner({ name: 'busy-new', activity: { kind: 'busy', job: 'j', since: 20 } }),
      makeRunner({ name: 'busy-old', activity: { kind: 'busy', job: 'j', since: 10 } }),
      makeRunner({
        name: 'done',
        activity: { kind: 'finished', job: 'j', result: 'Succeeded', at: 2 },
      }),
    ]
    expect(sortRunners(runners).map((r) => r.name)).toEqual([
      'busy-old',
      'busy-new',
      'idle',
      'starting',
      'done',
      'retiring-busy',
    ])
  })

  it('breaks ties by age, then name, without changing its input', () => {
    const input = [
      makeRunner({ name: 'b', createdAt: 1 }),
      makeRunner({ name: 'a', createdAt: 1 }),
      makeRunner({ name: 'c', createdAt: 0 }),
    ]
    expect(sortRunners(input).map((r) => r.name)).toEqual(['c', 'a', 'b'])
    expect(input.map((r) => r.name)).toEqual(['b', 'a', 'c'])
  })
})

describe('describeActivity', () => {
  it('says what a runner does and for how long', () => {
    expect(describeActivity({ kind: 'busy', job: 'build', since: 0 }, 65_000)).toBe(
      'Running build (1 min 05 s)',
    )
    expect(describeActivity({ kind: 'finished', job: 'build', result: 'Failed', at: 0 }, 1)).toBe(
      'Finished build: Failed',
    )
  })
})
