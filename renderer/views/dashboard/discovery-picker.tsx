import { useState } from 'react'
import type { MethodOutput } from '../../../common/contract'
import { formatTarget } from '../../../common/target'
import { formatClock } from '../../state/format-time'
import { addTargetPatch } from '../../state/target-edits'
import { useActions, useEngine } from '../../state/store-context'

type Found = Extract<MethodOutput<'discoverTargets'>, { ok: true }>

/**
 * "Find repositories that ask for self-hosted runners": what the token administers whose
 * workflows ask, each with the lines that ask and its visibility, to add one by one, or to serve
 * every one found (now and later) with discovery.
 */
export function DiscoveryPicker() {
  const settings = useEngine((s) => s.settings)
  const tokenPresent = useEngine((s) => s.token.present)
  const { discoverTargets, updateSettings, notify } = useActions()
  const [found, setFound] = useState<Found | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [looking, setLooking] = useState(false)

  const look = async () => {
    setLooking(true)
    setError(null)
    const result = await discoverTargets()
    setLooking(false)
    if (!result.ok) return setError(result.message)
    setFound(result)
  }
  const add = async (name: string) => {
    const edit = addTargetPatch(settings, name)
    if (!edit.ok) return notify('error', edit.message)
    const result = await updateSettings(edit.patch)
    if (!result.ok) notify('error', result.message)
  }
  const chosen = new Set(settings.targets.map((t) => formatTarget(t).toLowerCase()))

  return (
    <div className="discovery stack" data-testid="discovery">
      <div className="button-row">
        <button
          type="button"
          data-testid="discover-start"
          disabled={looking || !tokenPresent}
          onClick={() => void look()}
        >
          {looking ? 'Looking…' : 'Find repositories that ask for self-hosted runners'}
        </button>
        {!tokenPresent && <span className="hint">Needs a token (setup above).</span>}
      </div>
      <label className="inline-check">
        <input
          type="checkbox"
          data-testid="discover-all"
          checked={settings.discoverRepositories}
          onChange={(e) => {
            const on = e.currentTarget.checked
            void updateSettings({ discoverRepositories: on }).then(
              (r) => !r.ok && notify('error', r.message),
            )
          }}
        />{' '}
        Serve every repository found, now and as new ones appear (checked daily)
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {found && (
        <div role="status">
          <p className="hint">
            {found.repos.length === 0
              ? `No repository of this token asks for self-hosted runners (looked at ${formatClock(found.checkedAt)}).`
              : `${found.repos.length} found at ${formatClock(found.checkedAt)}.`}
          </p>
          <ul className="found-list">
            {found.repos.map((repo) => {
              const name = formatTarget(repo.target)
              const added = chosen.has(name.toLowerCase())
              return (
                <li key={name} data-testid="discovered-repo" data-target={name}>
                  <strong>{name}</strong>{' '}
                  <span
                    className={`badge ${repo.visibility === 'public' ? 'badge-warn' : ''}`}
                    title={
                      repo.visibility === 'public'
                        ? 'Public: held back until you allow it'
                        : undefined
                    }
                  >
                    {repo.visibility}
                  </span>{' '}
                  {repo.asks === 'maybe' && <span className="badge">maybe</span>}{' '}
                  <button
                    type="button"
                    data-testid="discover-add"
                    disabled={added}
                    onClick={() => void add(name)}
                  >
                    {added ? 'Added' : 'Add'}
                  </button>
                  <ul className="reasons-list">
                    {repo.reasons.map((r) => (
                      <li key={r}>
                        <code>{r}</code>
                      </li>
                    ))}
                  </ul>
                </li>
              )
            })}
          </ul>
        </div>
      )}
    </div>
  )
}
