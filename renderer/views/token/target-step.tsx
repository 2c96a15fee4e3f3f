import { useId, useState, type FormEvent } from 'react'
import { formatTarget } from '../../../common/target'
import { targetsFromText, targetsText } from '../../state/settings-form'
import { useActions, useEngine } from '../../state/store-context'

/**
 * The target comes first: the token's required permissions and the "Create token" link both
 * depend on it, so it is saved (updateSettings) before the token is created.
 */
export function TargetStep({ text, onText }: { text: string; onText: (text: string) => void }) {
  const saved = useEngine((s) => s.settings.targets)
  const tokenPresent = useEngine((s) => s.token.present)
  const { updateSettings, suggestTargets } = useActions()
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [suggestions, setSuggestions] = useState<{ value: string; label: string }[]>([])
  const [suggestNote, setSuggestNote] = useState<string | null>(null)
  const id = useId()

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = targetsFromText(text)
    if (!parsed.ok) return setError(parsed.message)
    if (parsed.targets.length === 0)
      return setError('Enter OWNER/REPO for a repository or ORG for an organization.')
    setError(null)
    setSaving(true)
    const result = await updateSettings({ targets: parsed.targets })
    setSaving(false)
    if (!result.ok) setError(result.message)
  }

  const suggest = async () => {
    setSuggestNote('Asking GitHub…')
    const result = await suggestTargets()
    if (!result.ok) return setSuggestNote(result.message)
    setSuggestions(result.targets.map((t) => ({ value: formatTarget(t.target), label: t.label })))
    setSuggestNote(
      result.targets.length === 0
        ? 'This token administers no repository or organization.'
        : `${result.targets.length} suggestions: start typing or open the list.`,
    )
  }

  return (
    <form className="stack" onSubmit={(e) => void save(e)} noValidate>
      <label htmlFor={`${id}-target`}>
        Repositories (OWNER/REPO) or organizations (ORG), separated by commas
      </label>
      <div className="inline-fields">
        <input
          id={`${id}-target`}
          data-testid="target-input"
          type="text"
          value={text}
          list={`${id}-suggestions`}
          placeholder="octo-org/octo-repo"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={`${id}-target-help`}
          onChange={(e) => onText(e.currentTarget.value)}
        />
        <button type="submit" data-testid="target-save" disabled={saving}>
          {saving ? 'Saving…' : 'Save targets'}
        </button>
        {tokenPresent && (
          <button type="button" onClick={() => void suggest()}>
            Suggest from my token
          </button>
        )}
      </div>
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </datalist>
      <p id={`${id}-target-help`} className="hint">
        {saved.length === 1
          ? `Runners register on ${saved[0]!.kind === 'repo' ? 'the repository' : 'the organization'} ${formatTarget(saved[0]!)}.`
          : saved.length > 1
            ? `Runners register on each of ${targetsText(saved)}.`
            : 'No target saved yet.'}
        {targetsText(saved) !== text.trim() &&
          text.trim() !== '' &&
          ' Press "Save targets" to use them.'}
      </p>
      {suggestNote && (
        <p className="hint" role="status">
          {suggestNote}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="target-error">
          {error}
        </p>
      )}
    </form>
  )
}
