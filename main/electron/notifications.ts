import { Notification } from 'electron'
import type { Emitter } from '../../common/emitter'
import type { EventPayload } from '../../common/contract'
import { createNotificationDeduper, noticeNotification } from './notification-policy'
import { jobNotification } from './job-notification-policy'

/** What notifications need: the engine's notices, the user's opt-in, and where a click leads. */
export interface NotificationOptions {
  readonly engine: Pick<Emitter<{ notice: EventPayload<'notice'>; job: EventPayload<'job'> }>, 'on'>
  readonly notifyJobResults: () => boolean
  readonly notifyFailedJobs: () => boolean
  /** Opens a run's page (the engine checks it is a GitHub page). */
  readonly openExternal: (url: string) => void
  readonly windows: { showDashboard(): void; showLogs(runner: string | null): void }
}

/**
 * Shows OS notifications for engine problems (and job results when the user asked), each at most
 * once a minute. Returns the unsubscribe function.
 */
export function registerNotifications(options: NotificationOptions): () => void {
  if (!Notification.isSupported()) return () => {}
  const shouldShow = createNotificationDeduper()
  // A notification that is garbage collected loses its click handler: hold it until it closes.
  const live = new Set<Notification>()
  const show = (notification: Notification, onClick: () => void) => {
    live.add(notification)
    notification.on('click', onClick)
    notification.on('close', () => live.delete(notification))
    notification.show()
  }
  const offJob = options.engine.on('job', (record) => {
    const model = jobNotification(record, {
      notifyFailedJobs: options.notifyFailedJobs(),
      notifyJobResults: options.notifyJobResults(),
    })
    if (!model || !shouldShow(model.key, Date.now())) return
    const urgency = model.urgent ? 'critical' : 'normal'
    show(new Notification({ title: model.title, body: model.body, urgency }), () =>
      model.url ? options.openExternal(model.url) : options.windows.showLogs(model.runner),
    )
  })
  const offNotice = options.engine.on('notice', (notice) => {
    const model = noticeNotification(notice)
    if (!model || !shouldShow(model.key, Date.now())) return
    const notification = new Notification({
      title: model.title,
      body: model.body,
      silent: !model.urgent,
      urgency: model.urgent ? 'critical' : 'normal',
    })
    show(notification, () =>
      model.runner ? options.windows.showLogs(model.runner) : options.windows.showDashboard(),
    )
  })
  return () => {
    offJob()
    offNotice()
  }
}
