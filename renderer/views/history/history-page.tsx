import { useEffect } from 'react'
import { historyNow } from '../../state/history-state'
import { routeHash } from '../../state/route'
import { runsOnLine } from '../../state/runs-on'
import { useActions, useAppStore, useEngine } from '../../state/store-context'
import { useNow } from '../common/use-now'
import { HistoryView } from './history-view'

/** How jobs reach the history on this installation: the pool, a workflow line, the CLI. */
function EmptyHint() {
  const labels = useEngine((s) => s.snapshot.labels)
  const installationId = useEngine((s) => s.settings.installationId)
  const line = runsOnLine(labels, installationId)
  return (
    <p className="hint" data-testid="history-empty-how">
      Start the pool on the <a href={routeHash({ view: 'dashboard' })}>Dashboard</a>, then run a
      workflow whose job asks for these runners
      {line ? (
        <>
          {' '}
          with <code>{line}</code>
        </>
      ) : null}
      . Each finished job appears here at once; <code>runnerdock jobs</code> lists the same jobs in
      a terminal.
    </p>
  )
}

/**
 * The History tab (`#history`): reads the job history once shown (`listJobs`), then follows `job`
 * events through the store. Says when the engine keeps no history, or the read failed, with a retry.
 */
export function HistoryPage() {
  const history = useAppStore((s) => s.history)
  const host = useEngine((s) => s.host)
  const actions = useActions()
  const now = historyNow(useNow(30_000), history)
  useEffect(() => {
    void actions.loadHistory()
  }, [actions])
  const onOpenLog = (runner: string) => {
    if (host === 'electron') void actions.openLogWindow(runner)
    else window.location.hash = routeHash({ view: 'logs', runner })
  }
  const onOpenRun = (url: string) => {
    if (host === 'electron') void actions.openExternal(url)
    else window.open(url, '_blank', 'noopener,noreferrer')
  }
  return (
    <main
      className="view history-page"
      aria-labelledby="history-title"
      aria-busy={history.records === null && history.error === null}
    >
      <h1 id="history-title">History</h1>
      {history.problem && (
        <div className="banner banner-warn" role="status" data-testid="history-problem">
          {history.problem}
        </div>
      )}
      {history.error && (
        <div className="banner banner-error" role="alert" data-testid="history-error">
          Could not read the job history: {history.error}{' '}
          <button type="button" onClick={() => void actions.loadHistory()}>
            Try again
          </button>
        </div>
      )}
      {history.records === null ? (
        !history.error && <p data-testid="history-loading">Reading the job history…</p>
      ) : (
        <HistoryView
          records={history.records}
          now={now}
          utilization={history.utilization}
          emptyHint={<EmptyHint />}
          onOpenLog={onOpenLog}
          onOpenRun={onOpenRun}
        />
      )}
    </main>
  )
}
