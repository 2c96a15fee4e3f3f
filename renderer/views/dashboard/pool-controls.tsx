import { useRef, useState } from 'react'
import { summarize } from '../../../common/pool-status'
import { jobsWaiting } from '../../../common/tray-model'
import { useActions, useEngine } from '../../state/store-context'
import { useDebounced } from '../common/use-debounced'
import { ModeSwitch } from './mode-switch'
import { PoolNumberField } from './pool-number-field'
import { ScaleSlider } from './scale-slider'
import { StartStop } from './start-stop'

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

/** Fixed mode: the slider sets runners per target (one setDesired per drag). */
function FixedControls({
  draft,
  setDraft,
}: {
  draft: number | null
  setDraft: (draft: number | null) => void
}) {
  const desired = useEngine((s) => s.snapshot.desired)
  const maxRunners = useEngine((s) => s.snapshot.maxRunners)
  const targets = useEngine((s) => s.snapshot.targets.length)
  const actions = useActions()
  const changes = useRef(0)
  const send = useDebounced((count: number) => {
    const mine = changes.current
    void actions.setDesired(count).then(() => {
      // A newer move is on its way: keep showing it, not the value this call confirmed.
      if (changes.current === mine) setDraft(null)
    })
  }, SEND_AFTER_MS)
  return (
    <ScaleSlider
      value={draft ?? desired}
      max={maxRunners}
      label={targets > 1 ? 'Runners per target' : 'Runners wanted'}
      onChange={(count) => {
        changes.current++
        setDraft(count)
        send(count)
      }}
    />
  )
}

/** On demand: the warm minimum and the idle timeout, applied live. */
function OnDemandControls() {
  return (
    <div className="field-row">
      <PoolNumberField
        field="minIdle"
        label="Idle runners kept warm per target"
        hint="0: no runner until a job waits."
        testId="pool-min-idle"
      />
      <PoolNumberField
        field="idleTimeoutMinutes"
        label="Remove extra idle runners after (minutes)"
        hint="Runners above the warm minimum go when idle this long."
        testId="pool-idle-timeout"
      />
    </div>
  )
}

/**
 * The pool card: what it wants and has (runners being removed counted apart), the mode, the
 * size controls of that mode, the machine-wide maximum, and Start/Stop.
 */
export function PoolControls() {
  const snapshot = useEngine((s) => s.snapshot)
  const mode = useEngine((s) => s.settings.mode)
  // The slider's value while it moves: shown in the count at once, before the engine confirms.
  const [draft, setDraft] = useState<number | null>(null)
  const counts = summarize(snapshot)
  const fixed = mode === 'fixed'
  const wanted = fixed
    ? (draft ?? snapshot.desired)
    : snapshot.targets.reduce((n, t) => n + t.wanted, 0)
  return (
    <section className="card pool-controls" aria-labelledby="pool-title">
      <h2 id="pool-title">Pool</h2>
      <div className="counts">
        <Count
          label={fixed && snapshot.targets.length > 1 ? 'wanted per target' : 'wanted'}
          value={wanted}
          testId="desired-count"
        />
        <Count label="running" value={counts.live} testId="actual-count" />
        <Count label="busy" value={counts.busy} testId="busy-count" />
        <Count label="idle" value={counts.idle} testId="idle-count" />
        <Count label="being removed" value={counts.leaving} testId="leaving-count" />
        {!fixed && (
          <Count label="jobs waiting" value={jobsWaiting(snapshot)} testId="queued-count" />
        )}
      </div>
      <ModeSwitch />
      {fixed ? <FixedControls draft={draft} setDraft={setDraft} /> : <OnDemandControls />}
      <PoolNumberField
        field="maxRunners"
        label="Most runners on this machine"
        hint={`All targets together. Empty: automatic, from this machine's cores and memory (now ${snapshot.maxRunners}).`}
        placeholder={`automatic (${snapshot.maxRunners})`}
        testId="pool-max-runners"
      />
      <StartStop />
    </section>
  )
}
