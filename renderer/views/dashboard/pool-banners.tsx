import { describeStopReport, stopComplete } from '../../../common/stop-report'
import { parseApiUrl } from '../../../common/target'
import { formatBytes } from '../../state/format-time'
import { useEngine } from '../../state/store-context'

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

/**
 * What the last stop left behind, until the pool starts again: the same lines `up` prints, each
 * with what to do. A stop that removed everything says nothing here.
 */
export function StopLeftovers() {
  const lastStop = useEngine((s) => (s.snapshot.running ? null : s.snapshot.lastStop))
  const apiUrl = useEngine((s) => s.settings.apiUrl)
  if (!lastStop || stopComplete(lastStop)) return null
  const api = parseApiUrl(apiUrl)
  const lines = describeStopReport(lastStop, api.ok ? api.value.webUrl : 'https://github.com')
  return (
    <div className="banner banner-warn" role="status" data-testid="stop-leftovers">
      <strong>The last stop left something behind.</strong>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  )
}
