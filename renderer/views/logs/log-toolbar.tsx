import { useId } from 'react'
import { matchCountText } from '../../state/match-cursor'

/** A picker entry: a runner and how the picker names it (its job, target and id). */
export interface PickerOption {
  readonly runner: string
  readonly label: string
}

/** The search's matches while every line is shown: where the cursor is, and how many. */
export interface MatchNavigation {
  readonly current: number
  readonly count: number
  onStep(backwards: boolean): void
}

/**
 * The log viewer's controls: source, search (with match stepping), filter, the runner's trace,
 * follow, copy and save.
 */
export function LogToolbar({
  options,
  runner,
  onRunner,
  query,
  onQuery,
  filter,
  onFilter,
  showTrace,
  onShowTrace,
  matches,
  paused,
  newLines,
  onPause,
  onCopy,
  onSave,
  canExport,
}: {
  options: readonly PickerOption[]
  runner: string | null
  onRunner: (runner: string | null) => void
  query: string
  onQuery: (query: string) => void
  filter: boolean
  onFilter: (filter: boolean) => void
  /** Whether the runner's diagnostic trace lines are listed (dimmed). */
  showTrace: boolean
  onShowTrace: (show: boolean) => void
  /** Null while filtering (every line shown matches) or without a query. */
  matches: MatchNavigation | null
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
            {o.label}
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
        aria-describedby={matches ? `${id}-matches` : undefined}
        onChange={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || !matches) return
          e.preventDefault()
          matches.onStep(e.shiftKey)
        }}
      />
      {matches && (
        <span className="match-nav">
          <span id={`${id}-matches`} data-testid="log-match-count" aria-live="polite">
            {matchCountText(matches.current, matches.count)}
          </span>
          <button
            type="button"
            data-testid="log-match-prev"
            aria-label="Previous match (Shift+Enter)"
            disabled={matches.count === 0}
            onClick={() => matches.onStep(true)}
          >
            ↑
          </button>
          <button
            type="button"
            data-testid="log-match-next"
            aria-label="Next match (Enter)"
            disabled={matches.count === 0}
            onClick={() => matches.onStep(false)}
          >
            ↓
          </button>
        </span>
      )}
      <label className="inline-check">
        <input
          type="checkbox"
          data-testid="log-filter"
          checked={filter}
          onChange={(e) => onFilter(e.currentTarget.checked)}
        />{' '}
        Only matching lines
      </label>
      <label className="inline-check" title="The runner's diagnostic lines ([RUNNER … INFO …])">
        <input
          type="checkbox"
          data-testid="log-trace"
          checked={showTrace}
          onChange={(e) => onShowTrace(e.currentTarget.checked)}
        />{' '}
        Runner trace
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
