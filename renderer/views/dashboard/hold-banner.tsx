import { useState } from 'react'
import { poolHold } from '../../../common/pool-hold'
import { formatClock } from '../../state/format-time'
import { holdAdvice, holdClock } from '../../state/hold-advice'
import { useActions, useEngine } from '../../state/store-context'
import { SettingsLink } from '../common/settings-link'
import { useNow } from '../common/use-now'

/**
 * Why the pool is on hold, once, in the user's words: what is wrong, the one clock (the block's
 * `until`), the button to the setting that fixes it, and Retry.
 */
export function HoldBanner() {
  const snapshot = useEngine((s) => s.snapshot)
  const networkMode = useEngine((s) => s.settings.networkMode)
  const { retry } = useActions()
  const [retrying, setRetrying] = useState(false)
  const now = useNow(1000)
  const hold = poolHold(snapshot)
  if (!hold) return null
  if (hold.scope === 'targets')
    return (
      <div
        className="banner banner-warn"
        role="status"
        data-testid="blocked-banner"
        data-reason="targets"
      >
        <div>
          <strong>On hold: every target is held back.</strong> Each one&apos;s reason and fix are in{' '}
          <a href="#targets-title">Targets</a> below.
        </div>
      </div>
    )
  const { block } = hold
  const advice = holdAdvice(block, { networkMode })
  const clock = holdClock(block.until, now)
  const retryLabel = advice.fix?.kind === 'retry' ? advice.fix.label : 'Retry'
  return (
    <div
      className="banner banner-warn"
      role="status"
      data-testid="blocked-banner"
      data-reason={block.reason}
    >
      <div>
        <strong>On hold: {advice.title}.</strong> {advice.text}
        {clock && block.until !== null && (
          <>
            {' '}
            <span aria-hidden="true" data-testid="hold-clock">
              {clock}
            </span>
            <span className="visually-hidden">
              RunnerDock tries again at {formatClock(block.until)}.
            </span>
          </>
        )}
      </div>
      <div className="button-row">
        {advice.fix?.kind === 'setting' && (
          <SettingsLink focus={advice.fix.focus} testId="hold-fix" className="button primary">
            {advice.fix.label}
          </SettingsLink>
        )}
        <button
          type="button"
          data-testid="retry"
          disabled={retrying}
          onClick={() => {
            setRetrying(true)
            void retry().finally(() => setRetrying(false))
          }}
        >
          {retrying ? 'Retrying…' : retryLabel}
        </button>
      </div>
    </div>
  )
}
