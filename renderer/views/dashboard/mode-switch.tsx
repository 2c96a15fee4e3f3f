import { useState } from 'react'
import type { Settings } from '../../../common/settings'
import { useActions, useEngine } from '../../state/store-context'

const MODES: { mode: Settings['mode']; label: string; hint: string }[] = [
  { mode: 'fixed', label: 'Fixed', hint: 'the same number of runners per target, always' },
  { mode: 'on-demand', label: 'On demand', hint: 'runners for the jobs that wait' },
]

/** Fixed or on demand: applied by the running pool at once, without a restart. */
export function ModeSwitch() {
  const mode = useEngine((s) => s.settings.mode)
  const { updateSettings, notify } = useActions()
  const [pending, setPending] = useState<Settings['mode'] | null>(null)
  const shown = pending ?? mode
  const choose = async (next: Settings['mode']) => {
    if (next === mode) return
    setPending(next)
    const result = await updateSettings({ mode: next })
    setPending(null)
    if (!result.ok) notify('error', result.message)
  }
  return (
    <fieldset className="mode-switch">
      <legend>How many runners</legend>
      {MODES.map((m) => (
        <label key={m.mode} className="mode-option">
          <input
            type="radio"
            name="pool-mode"
            value={m.mode}
            checked={shown === m.mode}
            data-testid={`mode-${m.mode}`}
            onChange={() => void choose(m.mode)}
          />{' '}
          <strong>{m.label}</strong>: {m.hint}
        </label>
      ))}
    </fieldset>
  )
}
