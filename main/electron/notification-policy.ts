import type { z } from 'zod'
import type { noticeSchema } from '../../common/contract'

/** An engine notice (the contract's `notice` event). */
export type Notice = z.infer<typeof noticeSchema>

/** An OS notification to show, with the key that deduplicates it. */
export interface NotificationModel {
  readonly title: string
  readonly body: string
  readonly key: string
  /** Where a click leads: the runner's log, or the dashboard. */
  readonly runner: string | null
  readonly urgent: boolean
}

/** How long the same notification stays silenced after it was shown. */
export const NOTIFICATION_DEDUPE_MS = 60_000

// The pool reports a finished job as `Job "<name>" finished: <result>.` (main/engine/pool/pool.ts,
// `job-completed`); these are results the user opted into, not problems.
const JOB_RESULT = /^Job "(.*)" finished: (.+)\.$/s

/**
 * The notification for an engine notice, or null. Problems (level warn or error: a runner failed
 * to start, the token is invalid or revoked, Docker is down) always notify; job results come from
 * the `job` event (job-notification-policy.ts); other info notices stay in the app.
 */
export function noticeNotification(notice: Notice): NotificationModel | null {
  // Job results notify from the structured `job` event (job-notification-policy.ts), not here.
  if (notice.level === 'info' || JOB_RESULT.test(notice.message)) return null
  return {
    title: notice.level === 'error' ? 'RunnerDock needs attention' : 'RunnerDock warning',
    body: notice.runner ? `${notice.runner}: ${notice.message}` : notice.message,
    // Numbers vary between repeats of one problem ("next attempt in 30 s", "in 60 s").
    key: `${notice.level}|${notice.message.replace(/\d+/g, '#')}`,
    runner: notice.runner,
    urgent: notice.level === 'error',
  }
}

/**
 * A deduplicator: `shouldShow(key, now)` is true the first time a key is seen and again only once
 * `windowMs` have passed since it was last shown. Old keys are pruned so memory stays bounded.
 */
export function createNotificationDeduper(
  windowMs = NOTIFICATION_DEDUPE_MS,
): (key: string, now: number) => boolean {
  const lastShown = new Map<string, number>()
  return (key, now) => {
    for (const [k, at] of lastShown) if (now - at >= windowMs) lastShown.delete(k)
    if (lastShown.has(key)) return false
    lastShown.set(key, now)
    return true
  }
}
