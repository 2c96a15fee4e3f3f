import { describe, expect, it } from 'vitest'
import { makeRunner, makeSnapshot } from '../test/fixtures'
import { stopNowQuestion } from './stop-question'

const busy = (name: string, job: string) =>
  makeRunner({
    name,
    phase: 'busy',
    target: 'acme/widgets',
    job: { name: job, startedAt: 0, result: null, finishedAt: null },
  })

describe('stopNowQuestion', () => {
  it('names every job that will fail', () => {
    const q = stopNowQuestion(
      makeSnapshot({ runners: [busy('rd-1', 'build'), makeRunner(), busy('rd-2', 'test')] }),
    )
    expect(q.title).toBe('Stop now and fail 2 jobs?')
    expect(q.jobs).toEqual([
      { runner: 'rd-1', job: 'build', target: 'acme/widgets' },
      { runner: 'rd-2', job: 'test', target: 'acme/widgets' },
    ])
  })

  it('says so when no job runs', () => {
    const q = stopNowQuestion(makeSnapshot({ runners: [makeRunner()] }))
    expect(q.jobs).toEqual([])
    expect(q.detail).toMatch(/No job is running/)
  })
})
