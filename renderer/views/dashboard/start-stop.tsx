import { useId, useState } from 'react'
import { startReadiness } from '../../state/start-readiness'
import { stopNowQuestion } from '../../state/stop-question'
import { useActions, useEngine } from '../../state/store-context'
import { ConfirmDialog } from '../common/confirm-dialog'

/**
 * Start (disabled, with the reason beside it, until setup is complete), Stop after jobs finish,
 * and Stop now, which first names the jobs it will fail.
 */
export function StartStop() {
  const running = useEngine((s) => s.snapshot.running)
  const stopping = useEngine((s) => s.snapshot.stopping)
  const token = useEngine((s) => s.token)
  const settings = useEngine((s) => s.settings)
  const readiness = startReadiness({ token, settings })
  const runners = useEngine((s) => s.snapshot.runners)
  const actions = useActions()
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState(false)
  const id = useId()

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await run()
    } finally {
      setBusy(false)
    }
  }
  const question = stopNowQuestion({ runners })
  return (
    <div className="button-row">
      {!running && (
        <>
          <button
            type="button"
            className="primary"
            data-testid="pool-start"
            disabled={busy || !readiness.ready}
            aria-describedby={readiness.ready ? undefined : `${id}-reason`}
            onClick={() => void act(actions.start)}
          >
            Start
          </button>
          {!readiness.ready && (
            <span id={`${id}-reason`} className="hint" data-testid="start-reason">
              {readiness.reason}
            </span>
          )}
        </>
      )}
      {running && stopping === 'no' && (
        <button
          type="button"
          data-testid="pool-stop"
          disabled={busy}
          title="Runners finish the jobs they are running, then stop"
          onClick={() => void act(() => actions.stop('drain'))}
        >
          Stop after jobs finish
        </button>
      )}
      {running && stopping !== 'now' && (
        <button
          type="button"
          className="danger"
          data-testid="pool-stop-now"
          disabled={busy}
          title="Removes every runner at once; running jobs fail"
          onClick={() => setAsking(true)}
        >
          Stop now
        </button>
      )}
      {stopping === 'drain' && (
        <span role="status">Stopping: waiting for running jobs to finish…</span>
      )}
      {stopping === 'now' && <span role="status">Stopping…</span>}
      {asking && (
        <ConfirmDialog
          title={question.title}
          confirmLabel={question.confirm}
          testId="confirm-stop-now"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false)
            void act(() => actions.stop('now'))
          }}
        >
          <p>{question.detail}</p>
          {question.jobs.length > 0 && (
            <ul data-testid="jobs-at-risk">
              {question.jobs.map((j) => (
                <li key={j.runner}>
                  <strong>{j.job}</strong> on {j.target} <span className="muted">({j.runner})</span>
                </li>
              ))}
            </ul>
          )}
        </ConfirmDialog>
      )}
    </div>
  )
}
