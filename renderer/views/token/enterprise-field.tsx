import { useEffect, useId, useState, type FormEvent } from 'react'
import { DEFAULT_API_URL, parseApiUrl } from '../../../common/target'
import { useActions, useEngine } from '../../state/store-context'

/**
 * "Using GitHub Enterprise?": the API URL, in the setup card where the token is chosen, because
 * the keychain keeps one token per host: a new host means the token saved for it, or a new one.
 */
export function EnterpriseField() {
  const apiUrl = useEngine((s) => s.settings.apiUrl)
  const host = useEngine((s) => s.token.host)
  const { updateSettings } = useActions()
  const [text, setText] = useState(apiUrl)
  const [open, setOpen] = useState(apiUrl !== DEFAULT_API_URL)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const id = useId()
  useEffect(() => setText(apiUrl), [apiUrl])

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseApiUrl(text)
    if (!parsed.ok) return setMessage({ ok: false, text: parsed.error })
    if (parsed.value.apiUrl === apiUrl) return setMessage({ ok: true, text: 'No change.' })
    setSaving(true)
    const saved = await updateSettings({ apiUrl: parsed.value.apiUrl })
    setSaving(false)
    if (!saved.ok) return setMessage({ ok: false, text: saved.message })
    setMessage({
      ok: true,
      text:
        parsed.value.host === host
          ? 'Saved.'
          : `Saved. Tokens are kept per host: RunnerDock now uses the token saved for ${parsed.value.host}, or asks for one below.`,
    })
  }

  return (
    <details
      className="enterprise"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="enterprise"
    >
      <summary>Using GitHub Enterprise?</summary>
      <form className="stack" onSubmit={(e) => void save(e)} noValidate>
        <label htmlFor={`${id}-api`}>GitHub API URL</label>
        <div className="inline-fields">
          <input
            id={`${id}-api`}
            type="text"
            inputMode="url"
            value={text}
            spellCheck={false}
            autoComplete="off"
            data-testid="api-url-input"
            aria-describedby={`${id}-hint`}
            aria-invalid={message !== null && !message.ok ? true : undefined}
            onChange={(e) => {
              setText(e.currentTarget.value)
              setMessage(null)
            }}
          />
          <button type="submit" data-testid="api-url-save" disabled={saving}>
            {saving ? 'Saving…' : 'Use this server'}
          </button>
        </div>
        <p id={`${id}-hint`} className="hint">
          https://HOST/api/v3 for GitHub Enterprise Server; {DEFAULT_API_URL} for github.com. Tokens
          are kept per host: changing it switches to the token saved for that host.
        </p>
        {message && (
          <p
            className={message.ok ? 'status-ok' : 'error'}
            role={message.ok ? 'status' : 'alert'}
            data-testid="api-url-message"
          >
            {message.text}
          </p>
        )}
      </form>
    </details>
  )
}
