import { describe, expect, it } from 'vitest'
import { testJobRecord, TEST_BASE_TIME } from '../../../common/testing/job-records'
import {
  barAt,
  bucketFor,
  buildTimeline,
  jobsPerDay,
  median,
  paddedRange,
  runnerMinutes,
  stackColumns,
  timelineSpan,
  UNKNOWN_REPOSITORY,
  waitAndRunSeries,
} from './history-data'

const MIN = 60 * 1000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const now = TEST_BASE_TIME + 2 * HOUR

describe('history data', () => {
  it('lays the last day out in one lane per repository, coloured by result', () => {
    const timeline = buildTimeline(
      [
        testJobRecord({ id: 'a', repository: 'octo/web', result: 'Failed' }),
        testJobRecord({ id: 'b', repository: 'octo/app' }),
        testJobRecord({ id: 'c', repository: null, result: null }),
        testJobRecord({ id: 'old', queuedAt: now - 3 * DAY }),
      ],
      now,
    )
    expect(timeline.lanes).toEqual([UNKNOWN_REPOSITORY, 'octo/app', 'octo/web'])
    expect(timeline.bars.map((b) => [b.record.id, b.lane, b.kind])).toEqual([
      ['a', 2, 'failed'],
      ['b', 1, 'succeeded'],
      ['c', 0, 'unknown'],
    ])
    expect(timeline.bars[0]).toMatchObject({
      start: TEST_BASE_TIME + 12_000,
      end: TEST_BASE_TIME + 107_000,
    })
    expect([timeline.from, timeline.to]).toEqual([now - DAY, now])
  })

  it('draws a job with no start back from its end by its duration', () => {
    const record = testJobRecord({ startedAt: null, queuedAt: null })
    const [bar] = buildTimeline([{ ...record, durationMs: 30_000 }], now).bars
    expect(bar!.end - bar!.start).toBe(30_000)
  })

  it('finds the job under a click, with slack for slivers, in the right lane only', () => {
    const timeline = buildTimeline(
      [
        testJobRecord({ id: 'long', startedAt: now - HOUR, finishedAt: now - 10 * MIN }),
        testJobRecord({ id: 'short', startedAt: now - 30 * MIN, finishedAt: now - 30 * MIN + 500 }),
        testJobRecord({ id: 'other', repository: 'octo/zzz', startedAt: now - HOUR }),
      ],
      now,
    )
    expect(barAt(timeline, now - 30 * MIN + 2_000, 0, 5_000)?.record.id).toBe('short')
    expect(barAt(timeline, now - 50 * MIN, 0, 5_000)?.record.id).toBe('long')
    expect(barAt(timeline, now - 5 * MIN, 0, 5_000)).toBeNull()
    expect(barAt(timeline, now - 59 * MIN, 1, 5_000)?.record.id).toBe('other')
  })

  it('draws the timeline from a little before its first job, within the day', () => {
    const recent = buildTimeline(
      [testJobRecord({ startedAt: now - 10 * MIN, finishedAt: now - 9 * MIN })],
      now,
    )
    expect(timelineSpan(recent)).toEqual({ from: now - 10 * MIN - MIN, to: now })
    const early = buildTimeline([testJobRecord({ startedAt: now - DAY + MIN })], now)
    expect(timelineSpan(early).from).toBe(now - DAY)
    const none = buildTimeline([], now)
    expect(timelineSpan(none)).toEqual({ from: now - DAY, to: now })
  })

  it('widens a time axis of one instant instead of letting it stretch to years', () => {
    expect(paddedRange(1_000, 1_000, 600)).toEqual([700, 1_300])
    expect(paddedRange(1_000, 1_100, 600)).toEqual([750, 1_350])
    expect(paddedRange(0, 1_000, 600)).toEqual([-30, 1_030])
  })

  it('gives waits and run times in seconds, in time order, with gaps for unknowns', () => {
    const [x, wait, took] = waitAndRunSeries([
      testJobRecord({ queuedAt: 10_000, startedAt: 20_000, finishedAt: 80_000 }),
      testJobRecord({ queuedAt: null, startedAt: 5_000, finishedAt: 6_000 }),
    ])
    expect(x).toEqual([5, 20])
    expect(wait).toEqual([null, 10])
    expect(took).toEqual([1, 60])
  })

  it('counts jobs per local day, empty days included', () => {
    const today = new Date(now)
    const midnight = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime()
    const days = jobsPerDay(
      [
        testJobRecord({ finishedAt: midnight + MIN }),
        testJobRecord({ finishedAt: midnight + 2 * MIN, result: 'Failed' }),
        testJobRecord({ finishedAt: midnight - HOUR, result: 'Canceled' }),
        testJobRecord({ finishedAt: midnight - HOUR, result: null }),
        testJobRecord({ finishedAt: midnight - 20 * DAY }),
      ],
      now,
      3,
    )
    expect(days).toHaveLength(3)
    expect(days[2]).toMatchObject({ day: midnight, succeeded: 1, failed: 1, canceled: 0 })
    expect(days[1]).toMatchObject({ succeeded: 0, canceled: 1, other: 1 })
    expect(days[0]).toMatchObject({ succeeded: 0, failed: 0, canceled: 0, other: 0 })
  })

  it('turns runner counts over time into busy and idle runner-minutes per bucket', () => {
    const t0 = Math.floor(TEST_BASE_TIME / HOUR) * HOUR
    const buckets = runnerMinutes(
      [
        { at: t0 + 30 * MIN, busy: 2, idle: 1 }, // 30 min: 60 busy, 30 idle
        { at: t0 + HOUR, busy: 0, idle: 3 }, // until t0 + 90 min: 90 idle in hour 2
      ],
      t0 + 90 * MIN,
      HOUR,
    )
    expect(buckets).toEqual([
      { start: t0, busy: 60, idle: 30 },
      { start: t0 + HOUR, busy: 0, idle: 90 },
    ])
    expect(runnerMinutes([], now, HOUR)).toEqual([])
  })

  it('splits a long sample across the buckets it spans', () => {
    const t0 = 10 * HOUR
    const buckets = runnerMinutes([{ at: t0 + 45 * MIN, busy: 1, idle: 0 }], t0 + 2 * HOUR, HOUR)
    expect(buckets.map((b) => b.busy)).toEqual([15, 60])
  })

  it('uses hours for two days or less, days beyond', () => {
    expect(bucketFor(2 * DAY)).toBe(HOUR)
    expect(bucketFor(3 * DAY)).toBe(DAY)
  })

  it('stacks counts so the tallest series is drawn first', () => {
    expect(
      stackColumns([
        [1, 2],
        [3, 0],
        [1, 1],
      ]),
    ).toEqual([
      [5, 3],
      [4, 2],
      [1, 2],
    ])
  })

  it('finds the median of known values', () => {
    expect(median([3, null, 1, 2])).toBe(2)
    expect(median([4, 1])).toBe(2.5)
    expect(median([null])).toBeNull()
  })
})
