import { describe, expect, it } from 'vitest'
import { makeRunner } from '../test/fixtures'
import { describeRunner, sortRunners } from './runner-order'

const job = (startedAt: number, result: string | null = null) => ({
  name: 'j',
  startedAt,
  result,
  finishedAt: result ? startedAt + 1 : null,
})

describe('sortRunners', () => {
  it('puts busy runners first (longest job on top), then idle, starting; leaving ones last', () => {
    const runners = [
      makeRunner({ name: 'starting', phase: 'starting', createdAt: 5 }),
      makeRunner({ name: 'leaving', phase: 'removing', ending: 'scaled-down' }),
      makeRunner({ name: 'idle', phase: 'idle', onlineAt: 3 }),
      makeRunner({ name: 'busy-new', phase: 'busy', job: job(20) }),
      makeRunner({ name: 'busy-old', phase: 'busy', job: job(10) }),
      makeRunner({ name: 'done', phase: 'finished', job: job(2, 'Succeeded') }),
    ]
    expect(sortRunners(runners).map((r) => r.name)).toEqual([
      'busy-old',
      'busy-new',
      'done',
      'idle',
      'starting',
      'leaving',
    ])
  })

  it('breaks ties by age, then name, without changing its input', () => {
    const input = [
      makeRunner({ name: 'b', createdAt: 1, onlineAt: 5 }),
      makeRunner({ name: 'a', createdAt: 1, onlineAt: 5 }),
      makeRunner({ name: 'c', createdAt: 0, onlineAt: 5 }),
    ]
    expect(sortRunners(input).map((r) => r.name)).toEqual(['c', 'a', 'b'])
    expect(input.map((r) => r.name)).toEqual(['b', 'a', 'c'])
  })
})

describe('describeRunner', () => {
  it('says what a runner does and for how long', () => {
    expect(
      describeRunner(makeRunner({ phase: 'busy', job: { ...job(0), name: 'build' } }), 65_000),
    ).toBe('Running build (1 min 05 s)')
    expect(
      describeRunner(
        makeRunner({ phase: 'finished', job: { ...job(0, 'Failed'), name: 'build' } }),
        1,
      ),
    ).toBe('Finished build: Failed')
  })

  it('says a scale-down is a removal, not an error', () => {
    expect(describeRunner(makeRunner({ phase: 'removing', ending: 'scaled-down' }), 0)).toBe(
      'Removed (scaled down)',
    )
    expect(
      describeRunner(makeRunner({ phase: 'removing', ending: 'failed', problem: 'no network' }), 0),
    ).toBe('Failed: no network')
  })
})
