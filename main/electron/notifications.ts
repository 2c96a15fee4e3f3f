import { Notification } from 'electron'
import type { Emitter } from '../../common/emitter'
import type { EventPayload } from '../../common/contract'
import { createNotificationDeduper, noticeNotification } from './notification-policy'

/** What notifications need: the engine's notices, the user's opt-in, and where a click leads. */
export interface NotificationOptions {
  readonly engine: Pick<Emitter<{ notice: EventPayload<'notice'> }>, 'on'>
  readonly notifyJobResults: () => boolean
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
  return options.engine.on('notice', (notice) => {
    const model = noticeNotification(notice, { notifyJobResults: options.notifyJobResults() })
    if (!model || !shouldShow(model.key, Date.now())) return
    const notification = new Notification({
      title: model.title,
      body: model.body,
      silent: !model.urgent,
      urgency: model.urgent ? 'critical' : 'normal',
    })
    live.add(notification)
    notification.on('click', () =>
      model.runner ? options.windows.showLogs(model.runner) : options.windows.showDashboard(),
    )
    notification.on('close', () => live.delete(notification))
    notification.show()
  })
}
