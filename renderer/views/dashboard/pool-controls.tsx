import { useRef, useState } from 'react'
import { summarize } from '../../../common/pool-status'
import { useActions, useEngine } from '../../state/store-context'
import { useDebounced } from '../common/use-debounced'
import { ScaleSlider } from './scale-slider'

// Long enough to send one call per drag, short enough to feel immediate.
const SEND_AFTER_MS = 150

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="count">
      <span className="count-value" data-testid={testId}>
        {value}
      </span>
      <span className="count-label">{label}</span>
    </div>
  )
}

/** Desired vs actual, busy vs idle, the scale slider and Start/Stop. */
export function PoolControls() {
  const snapshot = useEngine((s) => s.snapshot)
  const maxRunners = useEngine((s) => s.snapshot.maxRunners)
  const actions = useActions()
  const [draft, setDraft] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const changes = useRef(0)
  const send = useDebounced((count: number) => {
    const mine = changes.current
    void actions.setDesired(count).then(() => {
      // A newer move is on its way: keep showing it, not the value this call confirmed.
      if (changes.current === mine) setDraft(null)
    })
  }, SEND_AFTER_MS)
  const counts = summarize(snapshot)
  const desired = draft ?? snapshot.desired

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await run()
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card pool-controls" aria-labelledby="pool-title">
      <h2 id="pool-title">Pool</h2>
      <div className="counts">
        <Count label="wanted" value={desired} testId="desired-count" />
        <Count label="running" value={counts.live} testId="actual-count" />
        <Count label="busy" value={counts.busy} testId="busy-count" />
        <Count label="idle" value={counts.idle} testId="idle-count" />
      </div>
      <ScaleSlider
        value={desired}
        max={maxRunners}
        onChange={(count) => {
          changes.current++
          setDraft(count)
          send(count)
        }}
      />
      <div className="button-row">
        {!snapshot.running && (
          <button
            type="button"
            className="primary"
            data-testid="pool-start"
            disabled={busy}
            onClick={() => void act(actions.start)}
          >
            Start
          </button>
        )}
        {snapshot.running && snapshot.stopping === 'no' && (
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
        {snapshot.running && snapshot.stopping !== 'now' && (
          <button
            type="button"
            className="danger"
            data-testid="pool-stop-now"
            disabled={busy}
            title="Removes every runner at once; running jobs fail"
            onClick={() => void act(() => actions.stop('now'))}
          >
            Stop now
          </button>
        )}
        {snapshot.stopping === 'drain' && (
          <span role="status">Stopping: waiting for running jobs to finish…</span>
        )}
        {snapshot.stopping === 'now' && <span role="status">Stopping…</span>}
      </div>
    </section>
  )
}
