import { describe, expect, it } from 'vitest'
import { testJobRecord } from '../../../common/testing/job-records'
import { applyRetention, DEFAULT_RETENTION, needsCompaction } from './retention'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const at = (recordedAt: number, id = String(recordedAt)) => testJobRecord({ id, recordedAt })

describe('retention', () => {
  it('defaults to 30 days and 10,000 jobs', () => {
    expect(DEFAULT_RETENTION).toEqual({ maxAgeMs: 30 * DAY, maxCount: 10_000 })
  })

  it('drops jobs older than the age limit and keeps the newest ones up to the count', () => {
    const now = 100 * DAY
    const records = [at(now - 40 * DAY), at(now - 3 * DAY), at(now - 2 * DAY), at(now - DAY)]
    expect(
      applyRetention(records, { maxAgeMs: 30 * DAY, maxCount: 2 }, now).map((r) => r.id),
    ).toEqual([String(now - 2 * DAY), String(now - DAY)])
    expect(applyRetention(records, { maxAgeMs: 30 * DAY, maxCount: 10 }, now)).toHaveLength(3)
    expect(applyRetention(records, { maxAgeMs: 30 * DAY, maxCount: 0 }, now)).toEqual([])
  })

  it('waits for 10% more jobs than allowed before rewriting the file', () => {
    const policy = { maxAgeMs: 30 * DAY, maxCount: 10_000 }
    expect(needsCompaction({ records: 10_999, oldestAt: 0 }, policy, 1 * DAY)).toBe(false)
    expect(needsCompaction({ records: 11_000, oldestAt: 0 }, policy, 1 * DAY)).toBe(true)
    expect(needsCompaction({ records: 3, oldestAt: 0 }, { ...policy, maxCount: 2 }, 0)).toBe(true)
  })

  it('rewrites once the oldest job is an hour past the age limit', () => {
    const policy = { maxAgeMs: 30 * DAY, maxCount: 10_000 }
    const now = 100 * DAY
    const summary = (oldestAt: number | null) => ({ records: 5, oldestAt })
    expect(needsCompaction(summary(now - 30 * DAY - 30 * 60 * 1000), policy, now)).toBe(false)
    expect(needsCompaction(summary(now - 30 * DAY - 2 * HOUR), policy, now)).toBe(true)
    expect(needsCompaction(summary(null), policy, now)).toBe(false)
  })
})
