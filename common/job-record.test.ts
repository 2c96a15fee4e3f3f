import { describe, expect, it } from 'vitest'
import {
  jobDurationMs,
  jobRecordSchema,
  localJobId,
  makeJobRecord,
  pickupLatencyMs,
  resultFromConclusion,
  resultKind,
} from './job-record'
import { testJobRecord } from './testing/job-records'

describe('job record', () => {
  it('measures the wait from queued to started and the run from started to finished', () => {
    expect(pickupLatencyMs(1_000, 13_500)).toBe(12_500)
    expect(jobDurationMs(13_500, 100_000)).toBe(86_500)
  })

  it('leaves a span unknown when either end is, and never goes negative on clock skew', () => {
    expect(pickupLatencyMs(null, 5)).toBeNull()
    expect(jobDurationMs(5, null)).toBeNull()
    expect(pickupLatencyMs(2_000, 1_500)).toBe(0)
  })

  it('derives latency and duration when a record is made', () => {
    const record = makeJobRecord({
      ...testJobRecord(),
      queuedAt: 0,
      startedAt: 4_000,
      finishedAt: 64_000,
    })
    expect(record).toMatchObject({ pickupLatencyMs: 4_000, durationMs: 60_000 })
    expect(jobRecordSchema.parse(record)).toEqual(record)
  })

  it("maps GitHub's conclusions to the runner's words", () => {
    expect(resultFromConclusion('success')).toBe('Succeeded')
    expect(resultFromConclusion('failure')).toBe('Failed')
    expect(resultFromConclusion('cancelled')).toBe('Canceled')
    expect(resultFromConclusion('skipped')).toBe('Skipped')
    expect(resultFromConclusion('timed_out')).toBe('TimedOut')
    expect(resultFromConclusion('action_required')).toBe('ActionRequired')
    expect(resultFromConclusion(null)).toBeNull()
    expect(resultFromConclusion('')).toBeNull()
  })

  it('keeps a conclusion GitHub adds later readable instead of dropping it', () => {
    expect(resultFromConclusion('brand_new_state')).toBe('BrandNewState')
  })

  it('groups results into the kinds charts colour', () => {
    expect(resultKind('Succeeded')).toBe('succeeded')
    expect(resultKind('SucceededWithIssues')).toBe('succeeded')
    expect(resultKind('Failed')).toBe('failed')
    expect(resultKind('TimedOut')).toBe('failed')
    expect(resultKind('Canceled')).toBe('canceled')
    expect(resultKind('Skipped')).toBe('other')
    expect(resultKind(null)).toBe('unknown')
  })

  it('names a job by its runner until GitHub gives an id', () => {
    expect(localJobId('rd-ab12cd34-0001')).toBe('runner:rd-ab12cd34-0001')
  })

  it('refuses a record with a negative or fractional time', () => {
    expect(jobRecordSchema.safeParse({ ...testJobRecord(), startedAt: -1 }).success).toBe(false)
    expect(jobRecordSchema.safeParse({ ...testJobRecord(), finishedAt: 1.5 }).success).toBe(false)
  })
})
