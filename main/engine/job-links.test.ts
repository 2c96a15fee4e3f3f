import { describe, expect, it } from 'vitest'
import { makeRunner, makeSnapshot } from '../../common/testing/fixtures'
import { JobLinks } from './job-links'

describe('JobLinks', () => {
  it('keeps the run page of a runner that has gone', () => {
    const links = new JobLinks()
    const url = 'https://github.com/octo/app/actions/runs/7/job/9'
    const busy = makeRunner({ name: 'rd-1', phase: 'busy', jobUrl: url })
    expect(links.fill(makeSnapshot({ runners: [busy] })).runners[0]!.jobUrl).toBe(url)
    const gone = makeRunner({ name: 'rd-1', phase: 'gone', jobUrl: null })
    const other = makeRunner({ name: 'rd-2', phase: 'gone', jobUrl: null })
    const filled = links.fill(makeSnapshot({ recent: [gone, other] }))
    expect(filled.recent.map((r) => r.jobUrl)).toEqual([url, null])
  })

  it('returns the same snapshot when there is nothing to fill', () => {
    const snapshot = makeSnapshot({ recent: [makeRunner({ jobUrl: null })] })
    expect(new JobLinks().fill(snapshot)).toBe(snapshot)
  })
})
