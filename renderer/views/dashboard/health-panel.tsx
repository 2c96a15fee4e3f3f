import type { Health } from '../../../common/pool-status'
import { useEngine } from '../../state/store-context'

const ROWS: { key: keyof Health; label: string }[] = [
  { key: 'docker', label: 'Docker' },
  { key: 'github', label: 'GitHub' },
  { key: 'token', label: 'Token' },
  { key: 'image', label: 'Runner image' },
]

const STATE_WORDS = { ok: 'OK', problem: 'Problem', unknown: 'Not checked' } as const

/** Docker, GitHub, token and image: each with what is wrong and how to fix it. */
export function HealthPanel() {
  const health = useEngine((s) => s.snapshot.health)
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">Health</h2>
      <ul className="health">
        {ROWS.map(({ key, label }) => {
          const check = health[key]
          if (!check) return null
          return (
            <li
              key={key}
              data-testid={`health-${key}`}
              data-state={check.state}
              className={`health-${check.state}`}
            >
              <span className="health-dot" aria-hidden="true" />
              <span className="health-label">{label}</span>
              <span className="visually-hidden">{STATE_WORDS[check.state]}:</span>
              <span className="health-summary">{check.summary}</span>
              {check.problem && <p className="health-fix">{check.problem}</p>}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
