import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { LogBuffer } from '../../state/log-buffer'
import {
  positionOf,
  updateMatches,
  visibleLines,
  visibleText,
  type MatchIndex,
} from '../../state/log-search'
import { sourceOptions } from '../../state/log-view'
import { stepMatch } from '../../state/match-cursor'
import { routeHash } from '../../state/route'
import { logHeading, runnerIndex, runnerLabel } from '../../state/runner-index'
import { useActions, useAppStore } from '../../state/store-context'
import { copyText } from '../common/copy-text'
import { useDebounced } from '../common/use-debounced'
import { LogHeader } from './log-header'
import { LogRow } from './log-row'
import { LogToolbar } from './log-toolbar'
import { logFileName, saveTextFile } from './save-text'
import { VirtualList } from './virtual-list'

/** Pixel height of a log row; the list's windowing depends on every row having it. */
export const LOG_ROW_HEIGHT = 20

const NO_RUNNERS: readonly string[] = []

function newLineCount(frozen: LogBuffer, live: LogBuffer): number | null {
  if (frozen.generation !== live.generation) return null
  return live.dropped + live.length - (frozen.dropped + frozen.length)
}

/**
 * The log viewer (`#logs`, `#logs/<runner>`): a header with the runner's job, result and run,
 * backfill then live lines, ANSI colours, search that filters, or highlights with a match count
 * and Enter / Shift+Enter to step through, follow that pauses when the user scrolls up, copy and
 * save. Pausing freezes the (immutable) buffer it shows, so lines stop moving. The job's step
 * output and the runner's terminal lines are shown; its diagnostic trace only with "Runner trace"
 * on, dimmed (docs/github-facts.md, "The runner's trace on stdout").
 */
export function LogViewer({ runner }: { runner: string | null }) {
  const actions = useActions()
  const logs = useAppStore((s) => s.logs)
  const liveRunners = useAppStore((s) => s.data?.snapshot.runners)
  const recent = useAppStore((s) => s.data?.snapshot.recent)
  const [query, setQuery] = useState('')
  const [applied, setApplied] = useState('')
  const [filter, setFilter] = useState(true)
  const [showTrace, setShowTrace] = useState(false)
  const [frozen, setFrozen] = useState<LogBuffer | null>(null)
  const [cursor, setCursor] = useState(-1)
  const [reveal, setReveal] = useState<{ index: number } | null>(null)
  const matchCache = useRef<MatchIndex | null>(null)
  const shownCache = useRef<MatchIndex | null>(null)
  const applyQuery = useDebounced((q: string) => {
    setApplied(q)
    setCursor(-1)
  }, 120)

  useEffect(() => {
    actions.openLogs(runner)
    setFrozen(null)
    setCursor(-1)
  }, [actions, runner])
  useEffect(() => () => actions.closeLogs(), [actions])

  // A new source or a re-read replaces the lines: a frozen view of the old ones means nothing.
  const paused = frozen !== null && frozen.generation === logs.buffer.generation
  const buffer = paused ? frozen : logs.buffer
  // With the trace hidden, the lines left, indexed like a search that matches all of them.
  const shown = useMemo(() => {
    if (showTrace) return null
    const next = updateMatches(shownCache.current, buffer, '', true)
    shownCache.current = next
    return next
  }, [buffer, showTrace])
  const search = useMemo(() => {
    if (applied === '') return null
    const next = updateMatches(matchCache.current, buffer, applied, !showTrace)
    matchCache.current = next
    return next
  }, [buffer, applied, showTrace])
  const filtered = filter ? search : null
  const listed = filtered ?? shown
  const lines = useMemo(() => visibleLines(buffer, listed), [buffer, listed])
  const hiddenTrace = shown && !filtered ? buffer.length - shown.matches.length : 0
  const index = useMemo(
    () => runnerIndex({ runners: liveRunners ?? [], recent: recent ?? [] }),
    [liveRunners, recent],
  )
  const names = useMemo(() => liveRunners?.map((r) => r.name) ?? NO_RUNNERS, [liveRunners])
  const options = useMemo(
    () =>
      sourceOptions(logs.sources, names, runner).map((o) => ({
        runner: o.runner,
        label: runnerLabel(o.runner, index.get(o.runner), o.finished),
      })),
    [logs.sources, names, runner, index],
  )
  const currentAbs =
    !filter && search && cursor >= 0 && cursor < search.matches.length
      ? search.matches[cursor]!
      : null
  const currentRow = currentAbs === null ? -1 : positionOf(buffer, listed, currentAbs)

  const step = (backwards: boolean) => {
    if (!search) return
    const next = stepMatch(cursor, search.matches.length, backwards)
    setCursor(next)
    if (next < 0) return
    // Stay on the match: stop following, or new lines would scroll it away.
    if (!paused) setFrozen(logs.buffer)
    setReveal({ index: positionOf(buffer, listed, search.matches[next]!) })
  }

  const onUserScroll = useCallback(
    (atBottom: boolean) => {
      if (!atBottom && !paused) setFrozen(logs.buffer)
      else if (atBottom && paused) setFrozen(null)
    },
    [paused, logs.buffer],
  )
  const showRunner = runner === null
  const renderRow = (i: number) => {
    const line = lines.at(i)
    return (
      <LogRow
        key={line.seq}
        line={line}
        query={applied}
        showRunner={showRunner}
        height={LOG_ROW_HEIGHT}
        current={currentRow === i}
      />
    )
  }

  const copy = async () => {
    const problem = await copyText(visibleText(lines, showRunner))
    actions.notify(
      problem ? 'error' : 'info',
      problem ?? `Copied ${lines.count} ${lines.count === 1 ? 'line' : 'lines'}.`,
    )
  }
  const save = () => saveTextFile(logFileName(runner, new Date()), visibleText(lines, showRunner))

  return (
    <main className="view log-viewer" data-testid="log-viewer" aria-labelledby="logs-title">
      <h1 id="logs-title" className="visually-hidden">
        Logs
      </h1>
      <LogHeader heading={logHeading(runner, runner === null ? undefined : index.get(runner))} />
      <LogToolbar
        options={options}
        runner={runner}
        onRunner={(next) => {
          window.location.hash = routeHash({ view: 'logs', runner: next })
        }}
        query={query}
        onQuery={(q) => {
          setQuery(q)
          applyQuery(q)
        }}
        filter={filter}
        onFilter={setFilter}
        showTrace={showTrace}
        onShowTrace={(show) => {
          setShowTrace(show)
          setCursor(-1)
        }}
        matches={
          !filter && search ? { current: cursor, count: search.matches.length, onStep: step } : null
        }
        paused={paused}
        newLines={paused ? newLineCount(frozen, logs.buffer) : null}
        onPause={() => setFrozen(paused ? null : logs.buffer)}
        onCopy={() => void copy()}
        onSave={save}
        canExport={lines.count > 0}
      />
      <p className="log-status" role="status">
        {logs.loading
          ? 'Reading the log…'
          : `${lines.count.toLocaleString()} ${filtered ? `of ${buffer.length.toLocaleString()} lines match` : 'lines'}${hiddenTrace > 0 ? ` (${hiddenTrace.toLocaleString()} runner trace ${hiddenTrace === 1 ? 'line' : 'lines'} hidden)` : ''}${paused ? ' (paused)' : ''}`}
      </p>
      {logs.error && (
        <div className="banner banner-error" role="alert">
          Could not read the log: {logs.error}{' '}
          <button type="button" onClick={() => actions.openLogs(runner, true)}>
            Try again
          </button>
        </div>
      )}
      {lines.count === 0 && !logs.loading ? (
        <p className="empty" data-testid="empty-logs">
          {filtered
            ? `No line matches "${applied}".`
            : hiddenTrace > 0
              ? 'Only the runner’s trace so far. Turn on "Runner trace" to see it.'
              : runner
                ? `No lines from ${runner} yet. They appear here as it prints them.`
                : 'No runner has printed anything yet. Start the pool from the Dashboard.'}
        </p>
      ) : (
        <VirtualList
          count={lines.count}
          rowHeight={LOG_ROW_HEIGHT}
          renderRow={renderRow}
          follow={!paused}
          onUserScroll={onUserScroll}
          label={runner ? `Log of ${runner}` : 'Log of all runners'}
          reveal={reveal}
        />
      )}
    </main>
  )
}
