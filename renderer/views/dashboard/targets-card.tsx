import { useId, useState, type FormEvent } from 'react'
import type { TargetStatus } from '../../../common/pool-status'
import { formatTarget } from '../../../common/target'
import { addTargetPatch, removeTargetPatch } from '../../state/target-edits'
import { useActions, useEngine } from '../../state/store-context'
import { useNow } from '../common/use-now'
import { DiscoveryPicker } from './discovery-picker'
import { RunsOnLine } from './runs-on-line'
import { TargetRow } from './target-row'

/** Adds a repository or organization to the chosen targets. */
function AddTargetForm() {
  const settings = useEngine((s) => s.settings)
  const { updateSettings } = useActions()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const add = async (event: FormEvent) => {
    event.preventDefault()
    const edit = addTargetPatch(settings, text)
    if (!edit.ok) return setError(edit.message)
    const result = await updateSettings(edit.patch)
    if (!result.ok) return setError(result.message)
    setError(null)
    setText('')
  }
  return (
    <form className="inline-fields" onSubmit={(e) => void add(e)} noValidate>
      <label htmlFor={`${id}-add`}>Add a target</label>
      <input
        id={`${id}-add`}
        type="text"
        value={text}
        placeholder="OWNER/REPO or ORG"
        spellCheck={false}
        autoComplete="off"
        data-testid="target-add-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.currentTarget.value)
          setError(null)
        }}
      />
      <button type="submit" data-testid="target-add">
        Add
      </button>
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/**
 * Every target the pool watches: chosen or discovered (and why), visibility, what waits and for
 * how long (ticking), what runs, and each one's own hold with its fix. Targets are added and
 * removed here; discovery finds more.
 */
export function TargetsCard() {
  const targets = useEngine((s) => s.snapshot.targets)
  const running = useEngine((s) => s.snapshot.running)
  const settings = useEngine((s) => s.settings)
  const { updateSettings, notify } = useActions()
  const now = useNow(1000)
  const remove = async (status: TargetStatus) => {
    const result = await updateSettings(removeTargetPatch(settings, status))
    if (!result.ok) notify('error', result.message)
  }
  return (
    <section className="card" aria-labelledby="targets-title" data-testid="targets-card">
      <h2 id="targets-title" tabIndex={-1}>
        Targets
      </h2>
      <RunsOnLine />
      {targets.length === 0 ? (
        <p className="empty" data-testid="no-targets">
          No target yet: add a repository or organization, or find the ones that ask for self-hosted
          runners.
        </p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">Source</th>
                <th scope="col">Visibility</th>
                <th scope="col">Jobs waiting</th>
                <th scope="col">Oldest waits</th>
                <th scope="col">Busy</th>
                <th scope="col">Idle</th>
                <th scope="col">Starting</th>
                <th scope="col">Wanted</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => (
                <TargetRow
                  key={formatTarget(t.target)}
                  status={t}
                  running={running}
                  networkMode={settings.networkMode}
                  now={now}
                  onRemove={() => void remove(t)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddTargetForm />
      <DiscoveryPicker />
    </section>
  )
}
