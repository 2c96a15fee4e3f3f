import { useId, type ReactNode } from 'react'

/** A labelled text field with its hint and error wired for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  testId,
  inputMode,
  placeholder,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  hint?: ReactNode
  testId?: string
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url'
  placeholder?: string
}) {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

/** A labelled checkbox with an optional explanation under it. */
export function CheckField({
  label,
  checked,
  onChange,
  children,
  testId,
}: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  children?: ReactNode
  testId?: string
}) {
  const id = useId()
  return (
    <div className="field check-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        data-testid={testId}
        aria-describedby={children ? `${id}-more` : undefined}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {children && (
        <div id={`${id}-more`} className="check-more">
          {children}
        </div>
      )}
    </div>
  )
}
