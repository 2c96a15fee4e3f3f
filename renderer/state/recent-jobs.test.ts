import { describe, expect, it } from 'vitest'
import { makeRunner } from '../test/fixtures'
import { jobEndedAt, recentJobs, resultTone } from './recent-jobs'

const job = { name: 'build', startedAt: 10, result: 'Succeeded', finishedAt: 20 }

describe('recentJobs', () => {
  it('lists runners that ran a job, once each', () => {
    const ran = makeRunner({ name: 'rd-1', job })
    const idle = makeRunner({ name: 'rd-2', job: null })
    expect(recentJobs([ran, idle, { ...ran }]).map((r) => r.name)).toEqual(['rd-1'])
  })

  it('colours results and dates the end', () => {
    expect(resultTone('Succeeded')).toBe('ok')
    expect(resultTone('Failed')).toBe('error')
    expect(resultTone('Canceled')).toBe('muted')
    expect(resultTone(null)).toBe('warn')
    expect(jobEndedAt(makeRunner({ job }))).toBe(20)
    expect(jobEndedAt(makeRunner({ job: { ...job, finishedAt: null }, goneAt: 30 }))).toBe(30)
  })
})
