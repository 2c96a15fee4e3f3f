import { useId } from 'react'
import type { SourceOption } from '../../state/log-view'

/** The log viewer's controls: source, search, filter, follow, copy and save. */
export function LogToolbar({
  options,
  runner,
  onRunner,
  query,
  onQuery,
  filter,
  onFilter,
  paused,
  newLines,
  onPause,
  onCopy,
  onSave,
  canExport,
}: {
  options: readonly SourceOption[]
  runner: string | null
  onRunner: (runner: string | null) => void
  query: string
  onQuery: (query: string) => void
  filter: boolean
  onFilter: (filter: boolean) => void
  paused: boolean
  newLines: number | null
  onPause: () => void
  onCopy: () => void
  onSave: () => void
  canExport: boolean
}) {
  const id = useId()
  return (
    <div className="log-toolbar" role="toolbar" aria-label="Log controls">
      <label htmlFor={`${id}-source`}>Runner</label>
      <select
        id={`${id}-source`}
        data-testid="log-source"
        value={runner ?? ''}
        onChange={(e) => onRunner(e.currentTarget.value === '' ? null : e.currentTarget.value)}
      >
        <option value="">All runners</option>
        {options.map((o) => (
          <option key={o.runner} value={o.runner}>
            {o.finished ? `${o.runner} (finished)` : o.runner}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-search`} className="visually-hidden">
        Search the log
      </label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Search"
        data-testid="log-search"
        value={query}
        onChange={(e) => onQuery(e.currentTarget.value)}
      />
      <label className="inline-check">
        <input
          type="checkbox"
          checked={filter}
          onChange={(e) => onFilter(e.currentTarget.checked)}
        />{' '}
        Only matching lines
      </label>
      <span className="toolbar-spacer" />
      <button type="button" data-testid="log-pause" aria-pressed={paused} onClick={onPause}>
        {paused ? `Follow${newLines ? ` (${newLines} new)` : ''}` : 'Pause'}
      </button>
      <button type="button" data-testid="log-copy" disabled={!canExport} onClick={onCopy}>
        Copy
      </button>
      <button type="button" data-testid="log-save" disabled={!canExport} onClick={onSave}>
        Save…
      </button>
    </div>
  )
}
