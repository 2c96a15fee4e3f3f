import { useId, type ReactNode } from 'react'
import type { FieldNote } from '../../../common/contract'

/** What the engine found about a field at save, shown under it. */
function Note({ note, id }: { note: FieldNote; id: string }) {
  return (
    <p id={id} className={`field-note note-${note.level}`} data-testid={`field-note-${note.field}`}>
      {note.message}
    </p>
  )
}

/** A labelled text field with its hint, error and save note wired for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  note,
  name,
  testId,
  inputMode,
  placeholder,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  hint?: ReactNode
  note?: FieldNote | undefined
  /** The setting it edits: failed saves and fix links focus the field by this name. */
  name?: string
  testId?: string
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url'
  placeholder?: string
}) {
  const id = useId()
  const describedBy = [
    hint ? `${id}-hint` : null,
    error ? `${id}-error` : null,
    note && !error ? `${id}-note` : null,
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
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
      {note && !error && <Note note={note} id={`${id}-note`} />}
    </div>
  )
}

/** A labelled checkbox with an optional explanation under it. */
export function CheckField({
  label,
  checked,
  onChange,
  children,
  name,
  testId,
}: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  children?: ReactNode
  name?: string
  testId?: string
}) {
  const id = useId()
  return (
    <div className="field check-field">
      <input
        id={id}
        name={name}
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
