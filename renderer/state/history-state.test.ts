import { describe, expect, it } from 'vitest'
import { testJobRecord } from '../../common/testing/job-records'
import { makeRunner, makeSnapshot } from '../test/fixtures'
import { historyNow, withJobs, withUtilization } from './history-state'

describe('history state', () => {
  it('puts jobs that arrived in front, newest first, once each, within the cap', () => {
    const listed = [
      testJobRecord({ id: '2', recordedAt: 20 }),
      testJobRecord({ id: '1', recordedAt: 10 }),
    ]
    const arrived = [
      testJobRecord({ id: '2', recordedAt: 20 }), // in the answer already
      testJobRecord({ id: '3', recordedAt: 30 }),
      testJobRecord({ id: '4', recordedAt: 40 }),
    ]
    expect(withJobs(listed, arrived).map((r) => r.id)).toEqual(['4', '3', '2', '1'])
    expect(withJobs(listed, arrived, 3).map((r) => r.id)).toEqual(['4', '3', '2'])
    // The same job id recorded again later (a re-run on another runner) is another row.
    const rerun = testJobRecord({ id: '1', recordedAt: 50 })
    expect(withJobs(listed, [rerun]).map((r) => `${r.id}@${r.recordedAt}`)).toEqual([
      '1@50',
      '2@20',
      '1@10',
    ])
  })

  it('samples busy and idle runners when they change, and counts a stopped pool as none', () => {
    const busy = makeRunner({ name: 'a', phase: 'busy' })
    const idle = makeRunner({ name: 'b', phase: 'idle' })
    const running = makeSnapshot({ running: true, runners: [busy, idle] })
    let samples = withUtilization([], running, 1)
    expect(samples).toEqual([{ at: 1, busy: 1, idle: 1 }])
    const same = withUtilization(samples, running, 2)
    expect(same).toBe(samples)
    samples = withUtilization(samples, makeSnapshot({ running: true, runners: [busy] }), 3)
    samples = withUtilization(samples, makeSnapshot({ running: false, runners: [busy] }), 4)
    expect(samples).toEqual([
      { at: 1, busy: 1, idle: 1 },
      { at: 3, busy: 1, idle: 0 },
      { at: 4, busy: 0, idle: 0 },
    ])
  })

  it('keeps the newest samples within its capacity', () => {
    let samples = withUtilization([], makeSnapshot({ running: false }), 0, 2)
    for (let n = 1; n <= 4; n++)
      samples = withUtilization(
        samples,
        makeSnapshot({
          running: true,
          runners: Array.from({ length: n }, (_, i) =>
            makeRunner({ name: `r${i}`, phase: 'idle' }),
          ),
        }),
        n,
        2,
      )
    expect(samples.map((s) => s.idle)).toEqual([3, 4])
  })

  it('moves "now" up to the newest job or sample, so a job that just ended is in the window', () => {
    const record = testJobRecord({ finishedAt: 5_000, recordedAt: 5_100 })
    expect(historyNow(1_000, { records: [record], utilization: [] })).toBe(5_100)
    expect(historyNow(9_000, { records: [record], utilization: [] })).toBe(9_000)
    expect(
      historyNow(1_000, { records: null, utilization: [{ at: 2_000, busy: 0, idle: 1 }] }),
    ).toBe(2_000)
  })
})
