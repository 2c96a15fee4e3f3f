import { useEffect, useId, useState } from 'react'
import { parsePoolField, poolFieldText, type PoolField } from '../../state/pool-fields'
import { useActions, useEngine } from '../../state/store-context'

/**
 * A number the running pool follows at once (warm minimum, maximum, idle timeout): saved when the
 * field is left or Enter is pressed, Esc puts the saved value back, a problem shows at the field.
 */
export function PoolNumberField({
  field,
  label,
  hint,
  placeholder,
  testId,
}: {
  field: PoolField
  label: string
  hint: string
  placeholder?: string
  testId: string
}) {
  const saved = useEngine((s) => poolFieldText(s.settings, field))
  const { updateSettings } = useActions()
  const [text, setText] = useState(saved)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  useEffect(() => setText(saved), [saved])

  const commit = async () => {
    if (text.trim() === saved) return setError(null)
    const parsed = parsePoolField(field, text)
    if (!parsed.ok) return setError(parsed.message)
    setError(null)
    const result = await updateSettings({ [field]: parsed.value })
    if (!result.ok) setError(result.message)
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit()
          if (e.key === 'Escape') {
            setText(saved)
            setError(null)
          }
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="error" role="alert" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
