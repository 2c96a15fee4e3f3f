import { describe, expect, it } from 'vitest'
import {
  createNotificationDeduper,
  noticeNotification,
  NOTIFICATION_DEDUPE_MS,
  type Notice,
} from './notification-policy'

const notice = (level: Notice['level'], message: string, runner: string | null = null): Notice => ({
  time: 0,
  level,
  runner,
  message,
})

describe('noticeNotification', () => {
  it('notifies problems: a runner that failed to start, a revoked token, Docker down', () => {
    expect(
      noticeNotification(
        notice('error', 'Docker is not running. Start Docker Desktop, then press Retry.'),
      ),
    ).toMatchObject({
      title: 'RunnerDock needs attention',
      body: 'Docker is not running. Start Docker Desktop, then press Retry.',
      urgent: true,
    })
    expect(
      noticeNotification(notice('error', 'Could not start: image missing.', 'rd-1')),
    ).toMatchObject({ body: 'rd-1: Could not start: image missing.', runner: 'rd-1' })
    expect(noticeNotification(notice('warn', 'The token was revoked.'))).toMatchObject({
      title: 'RunnerDock warning',
      urgent: false,
    })
  })

  it('keeps info notices in the app', () => {
    expect(noticeNotification(notice('info', 'Online, listening for jobs.', 'rd-1'))).toBeNull()
  })

  it('leaves job results to the job event (no second notification from the notice)', () => {
    const failed = notice('warn', 'Job "build (ubuntu)" finished: Failed.', 'rd-2')
    const passed = notice('info', 'Job "lint" finished: Succeeded.', 'rd-3')
    expect(noticeNotification(failed)).toBeNull()
    expect(noticeNotification(passed)).toBeNull()
  })

  it('gives repeats of one problem the same key, even when numbers differ', () => {
    const a = noticeNotification(notice('warn', 'Docker failed. Next attempt in 30 s.'))
    const b = noticeNotification(notice('warn', 'Docker failed. Next attempt in 60 s.'))
    expect(a?.key).toBe(b?.key)
  })
})

describe('createNotificationDeduper', () => {
  it('shows the same message once within 60 s, and again after', () => {
    const shouldShow = createNotificationDeduper()
    expect(shouldShow('a', 0)).toBe(true)
    expect(shouldShow('a', 1_000)).toBe(false)
    expect(shouldShow('b', 1_000)).toBe(true)
    expect(shouldShow('a', NOTIFICATION_DEDUPE_MS - 1)).toBe(false)
    expect(shouldShow('a', NOTIFICATION_DEDUPE_MS)).toBe(true)
    expect(shouldShow('a', NOTIFICATION_DEDUPE_MS + 10)).toBe(false)
  })
})
