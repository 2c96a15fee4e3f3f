import { describe, expect, it } from 'vitest'
import { testJobRecord } from '../../common/testing/job-records'
import { jobNotification } from './job-notification-policy'

const on = { notifyFailedJobs: true, notifyJobResults: false }

describe('jobNotification', () => {
  it('notifies a failed job with its run page, and a succeeded one only when asked', () => {
    const failed = testJobRecord({ result: 'Failed', job: 'build', repository: 'octo/app' })
    expect(jobNotification(failed, on)).toMatchObject({
      title: 'Job failed: build',
      url: failed.runUrl,
      urgent: true,
    })
    const passed = testJobRecord({ result: 'Succeeded' })
    expect(jobNotification(passed, on)).toBeNull()
    expect(jobNotification(passed, { ...on, notifyJobResults: true })?.title).toMatch(/succeeded/)
  })

  it('stays quiet about failures when the user turned them off', () => {
    const failed = testJobRecord({ result: 'Failed' })
    expect(jobNotification(failed, { ...on, notifyFailedJobs: false })).toBeNull()
  })

  it('is keyed by the job, so a job reported twice notifies once', () => {
    const a = testJobRecord({ result: 'Canceled', id: '42' })
    expect(jobNotification(a, on)?.key).toBe(jobNotification({ ...a }, on)?.key)
  })
})
