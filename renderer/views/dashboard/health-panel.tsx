import { useState } from 'react'
import { poolHold } from '../../../common/pool-hold'
import type { Check, Health } from '../../../common/pool-status'
import { formatDuration } from '../../state/format-time'
import { holdAdvice } from '../../state/hold-advice'
import type { SettingsFocus } from '../../state/route'
import { useActions, useEngine } from '../../state/store-context'
import { SettingsLink } from '../common/settings-link'
import { useNow } from '../common/use-now'

const ROWS: { key: keyof Health; label: string; fix: SettingsFocus | 'none' }[] = [
  { key: 'docker', label: 'Docker', fix: 'none' },
  { key: 'github', label: 'GitHub', fix: 'none' },
  { key: 'token', label: 'Token', fix: 'token' },
  { key: 'image', label: 'Runner image', fix: 'image' },
  { key: 'network', label: 'Docker network', fix: 'networkMode' },
]

const STATE_WORDS = { ok: 'OK', problem: 'Problem', unknown: 'Not checked' } as const

/** When the oldest line was checked: how fresh the panel is as a whole. */
function lastChecked(health: Health): number | null {
  const times = Object.values(health)
    .map((c: Check | undefined) => c?.checkedAt ?? null)
    .filter((t): t is number => t !== null)
  return times.length === 0 ? null : Math.max(...times)
}

/**
 * Docker, GitHub, token, image and network: each with what is wrong and the way to fix it, unless
 * the on-hold banner already explains it (a problem is told once). "Check now" asks again, even
 * while stopped and before a token exists.
 */
export function HealthPanel() {
  const health = useEngine((s) => s.snapshot.health)
  const snapshot = useEngine((s) => s.snapshot)
  const networkMode = useEngine((s) => s.settings.networkMode)
  const { checkHealth } = useActions()
  const [checking, setChecking] = useState(false)
  const now = useNow(5000)
  const hold = poolHold(snapshot)
  const explained = hold?.scope === 'pool' ? holdAdvice(hold.block, { networkMode }).explains : []
  const checkedAt = lastChecked(health)
  return (
    <section className="card" aria-labelledby="health-title">
      <div className="card-title">
        <h2 id="health-title">Health</h2>
        <button
          type="button"
          data-testid="health-check-now"
          disabled={checking}
          onClick={() => {
            setChecking(true)
            void checkHealth().finally(() => setChecking(false))
          }}
        >
          {checking ? 'Checking…' : 'Check now'}
        </button>
      </div>
      <ul className="health">
        {ROWS.map(({ key, label, fix }) => {
          const check = health[key]
          if (!check) return null
          const told = explained.includes(key)
          return (
            <li
              key={key}
              data-testid={`health-${key}`}
              data-state={check.state}
              data-checked-at={check.checkedAt ?? ''}
              className={`health-${check.state}`}
            >
              <span className="health-dot" aria-hidden="true" />
              <span className="health-label">{label}</span>
              <span className="visually-hidden">{STATE_WORDS[check.state]}:</span>
              <span className="health-summary">{check.summary}</span>
              {check.problem &&
                (told ? (
                  <p className="health-fix muted">Explained in the banner above.</p>
                ) : (
                  <p className="health-fix">
                    {check.problem}{' '}
                    {fix !== 'none' && (
                      <SettingsLink focus={fix} className="" testId={`health-fix-${key}`}>
                        {fix === 'token' ? 'Set up the token' : `Fix the ${label.toLowerCase()}`}
                      </SettingsLink>
                    )}
                  </p>
                ))}
            </li>
          )
        })}
      </ul>
      <p className="hint" data-testid="health-checked">
        {checkedAt === null
          ? 'Not checked yet.'
          : `Last checked ${formatDuration(now - checkedAt)} ago.`}
      </p>
    </section>
  )
}
