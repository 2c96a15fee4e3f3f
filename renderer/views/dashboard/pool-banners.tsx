import { useState } from 'react'
import { formatBytes, formatDuration } from '../../state/format-time'
import { useActions, useEngine } from '../../state/store-context'
import { useNow } from '../common/use-now'

/** Why no runners are being created, with the way out (Retry after fixing the cause). */
export function BlockedBanner() {
  const blocked = useEngine((s) => s.snapshot.blocked)
  const { retry } = useActions()
  const [retrying, setRetrying] = useState(false)
  const now = useNow(1000)
  if (!blocked) return null
  return (
    <div
      className="banner banner-error"
      role="alert"
      data-testid="blocked-banner"
      data-reason={blocked.reason}
    >
      <div>
        <strong>Not creating runners.</strong> {blocked.message}
        {blocked.until !== null && blocked.until > now && (
          <span> RunnerDock tries again by itself in {formatDuration(blocked.until - now)}.</span>
        )}
      </div>
      <button
        type="button"
        data-testid="retry"
        disabled={retrying}
        onClick={() => {
          setRetrying(true)
          void retry().finally(() => setRetrying(false))
        }}
      >
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  )
}

/** The runner image download: big on first start, so the wait is shown. */
export function ImageProgress() {
  const pull = useEngine((s) => s.snapshot.imagePull)
  if (!pull) return null
  const known = pull.totalBytes > 0
  return (
    <div className="card image-progress" data-testid="image-progress">
      <label>
        Downloading the runner image {pull.image}: {pull.status}
        {known ? (
          <progress max={pull.totalBytes} value={Math.min(pull.currentBytes, pull.totalBytes)} />
        ) : (
          <progress />
        )}
      </label>
      <span className="muted">
        {known
          ? `${formatBytes(pull.currentBytes)} of ${formatBytes(pull.totalBytes)}`
          : formatBytes(pull.currentBytes)}
      </span>
    </div>
  )
}

/** A settings file that could not be read fully: what was kept and what to check. */
export function SettingsWarning() {
  const warning = useEngine((s) => s.settingsWarning)
  if (!warning) return null
  return (
    <div className="banner banner-warn" role="status">
      {warning}
    </div>
  )
}
