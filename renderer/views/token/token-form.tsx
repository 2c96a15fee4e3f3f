import { useId, useState, type FormEvent } from 'react'
import { methods } from '../../../common/contract'
import { primaryTarget } from '../../../common/settings'
import { formatTarget } from '../../../common/target'
import { scopesToRequest } from '../../../common/token-access'
import { useActions, useEngine } from '../../state/store-context'
import { ExternalLink } from '../common/external-link'

/** Paste a token: GitHub checks it before it is saved in the keychain (saveToken). */
export function TokenForm({ onDone, canCancel }: { onDone: () => void; canCancel: boolean }) {
  const token = useEngine((s) => s.token)
  const target = useEngine((s) => primaryTarget(s.settings))
  const { saveToken } = useActions()
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const id = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const checked = methods.saveToken.input.safeParse({ token: value })
    if (!checked.success)
      return setError(checked.error.issues[0]?.message ?? 'That is not a GitHub token.')
    setError(null)
    setSaving(true)
    const result = await saveToken(value)
    setSaving(false)
    if (!result.ok) return setError(result.message)
    setValue('')
    onDone()
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
      {!token.present && !token.keychainProblem && <p>No token saved yet.</p>}
      <p>
        Create a token on {token.host} with the <code>{scopesToRequest(target)}</code> scope
        {target ? ` for ${formatTarget(target)}` : ''}, then paste it here. RunnerDock keeps it in
        the system keychain and never shows it again.
      </p>
      {!target && (
        <p className="hint">
          Save the target first: the link asks for the permissions that target needs.
        </p>
      )}
      <p>
        <ExternalLink href={token.newTokenUrl} testId="token-create-link" className="button">
          Create token on GitHub
        </ExternalLink>
      </p>
      <label htmlFor={`${id}-token`}>Paste the token</label>
      <div className="inline-fields">
        <input
          id={`${id}-token`}
          data-testid="token-input"
          type="password"
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <button
          type="submit"
          className="primary"
          data-testid="token-save"
          disabled={saving || value.trim() === ''}
        >
          {saving ? 'Checking with GitHub…' : 'Validate and save'}
        </button>
        {canCancel && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="error" role="alert" data-testid="token-error">
          {error}
        </p>
      )}
    </form>
  )
}
