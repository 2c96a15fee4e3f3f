import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { LogBuffer } from '../../state/log-buffer'
import { updateMatches, visibleLines, visibleText, type MatchIndex } from '../../state/log-search'
import { sourceOptions } from '../../state/log-view'
import { routeHash } from '../../state/route'
import { useActions, useAppStore } from '../../state/store-context'
import { copyText } from '../common/copy-text'
import { useDebounced } from '../common/use-debounced'
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
 * The log viewer (`#logs`, `#logs/<runner>`): backfill then live lines, ANSI colours, search that
 * highlights and filters, follow that pauses when the user scrolls up, copy and save. Pausing
 * freezes the (immutable) buffer it shows, so lines stop moving while new ones are counted.
 */
export function LogViewer({ runner }: { runner: string | null }) {
  const actions = useActions()
  const logs = useAppStore((s) => s.logs)
  const liveRunners = useAppStore((s) => s.data?.snapshot.runners)
  const [query, setQuery] = useState('')
  const [applied, setApplied] = useState('')
  const [filter, setFilter] = useState(true)
  const [frozen, setFrozen] = useState<LogBuffer | null>(null)
  const matchCache = useRef<MatchIndex | null>(null)
  const applyQuery = useDebounced((q: string) => setApplied(q), 120)

  useEffect(() => {
    actions.openLogs(runner)
    setFrozen(null)
  }, [actions, runner])
  useEffect(() => () => actions.closeLogs(), [actions])

  // A new source or a re-read replaces the lines: a frozen view of the old ones means nothing.
  const paused = frozen !== null && frozen.generation === logs.buffer.generation
  const buffer = paused ? frozen : logs.buffer
  const matches = useMemo(() => {
    if (applied === '' || !filter) return null
    const next = updateMatches(matchCache.current, buffer, applied)
    matchCache.current = next
    return next
  }, [buffer, applied, filter])
  const lines = useMemo(() => visibleLines(buffer, matches), [buffer, matches])
  const names = useMemo(() => liveRunners?.map((r) => r.name) ?? NO_RUNNERS, [liveRunners])
  const options = useMemo(
    () => sourceOptions(logs.sources, names, runner),
    [logs.sources, names, runner],
  )

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
    <main className="view log-viewer" data-testid="log-viewer" aria-label="Logs">
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
          : `${lines.count.toLocaleString()} ${matches ? `of ${buffer.length.toLocaleString()} lines match` : 'lines'}${paused ? ' (paused)' : ''}`}
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
          {matches
            ? `No line matches "${applied}".`
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
        />
      )}
    </main>
  )
}
