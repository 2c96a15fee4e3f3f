import type { TargetStatus } from '../../../common/pool-status'
import { formatTarget } from '../../../common/target'
import { formatDuration } from '../../state/format-time'
import { holdAdvice, holdClock } from '../../state/hold-advice'
import { waitedMs } from '../../state/target-edits'
import { SettingsLink } from '../common/settings-link'
import { AllowPublicButton } from './allow-public-button'

/** A target's own hold or queue problem, with its fix, or that it is fine. */
function TargetState({
  status,
  networkMode,
  now,
}: {
  status: TargetStatus
  networkMode: string | null
  now: number
}) {
  if (status.blocked) {
    const advice = holdAdvice(status.blocked, { networkMode })
    const clock = holdClock(status.blocked.until, now)
    return (
      <div className="target-hold" data-testid="target-hold" data-reason={status.blocked.reason}>
        <span className="badge badge-warn">On hold</span> {advice.text}
        {clock && <span className="muted"> {clock}</span>}
        <div className="button-row">
          {status.blocked.reason === 'public' ? (
            <AllowPublicButton target={status.target} />
          ) : (
            advice.fix?.kind === 'setting' && (
              <SettingsLink focus={advice.fix.focus}>{advice.fix.label}</SettingsLink>
            )
          )}
        </div>
      </div>
    )
  }
  if (status.problem)
    return (
      <span className="problem" data-testid="target-problem">
        Cannot read its job queue: {status.problem}
      </span>
    )
  return <span className="status-ok">Serving</span>
}

/** One watched target: where it came from, what waits, what runs, and its own hold. */
export function TargetRow({
  status,
  running,
  networkMode,
  now,
  onRemove,
}: {
  status: TargetStatus
  running: boolean
  networkMode: string | null
  now: number
  onRemove: () => void
}) {
  const name = formatTarget(status.target)
  const waited = waitedMs(status.oldestQueuedAt, now)
  return (
    <tr data-testid="target-row" data-target={name} data-source={status.source}>
      <th scope="row">{name}</th>
      <td>
        {status.source === 'discovered' ? (
          <details className="reasons">
            <summary>discovered</summary>
            <ul>
              {status.reasons.map((r) => (
                <li key={r}>
                  <code>{r}</code>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          'chosen'
        )}
      </td>
      <td>{status.visibility ?? (status.target.kind === 'org' ? 'organization' : '—')}</td>
      <td data-testid="target-queued">{running ? status.queued : '—'}</td>
      <td data-testid="target-waited">{waited === null ? '—' : formatDuration(waited)}</td>
      <td data-testid="target-busy">{status.busy}</td>
      <td data-testid="target-idle">{status.idle}</td>
      <td data-testid="target-starting">{status.starting}</td>
      <td data-testid="target-wanted">{status.wanted}</td>
      <td className="wrap">
        {running ? (
          <TargetState status={status} networkMode={networkMode} now={now} />
        ) : (
          <span className="muted">Stopped</span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="link-button"
          data-testid="target-remove"
          aria-label={`Remove ${name}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </td>
    </tr>
  )
}
