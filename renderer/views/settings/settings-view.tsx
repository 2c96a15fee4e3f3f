import { useEffect, useState } from 'react'
import { targetsText } from '../../state/settings-form'
import { useEngine } from '../../state/store-context'
import { SettingsWarning } from '../dashboard/pool-banners'
import { TokenSetup } from '../token/token-setup'
import { RunnerSettingsForm } from './runner-settings-form'

/** Settings: target and token first (they decide everything else), then how runners are made. */
export function SettingsView() {
  const saved = useEngine((s) => targetsText(s.settings.targets))
  const version = useEngine((s) => s.version)
  const [target, setTarget] = useState(saved)
  useEffect(() => setTarget(saved), [saved])
  return (
    <main className="view settings" data-testid="settings" aria-label="Settings">
      <SettingsWarning />
      <TokenSetup heading="GitHub" target={{ text: target, onText: setTarget }} />
      <RunnerSettingsForm targetDraft={target} />
      <p className="muted">RunnerDock {version}</p>
    </main>
  )
}
