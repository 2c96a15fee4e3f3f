import { useEffect, useRef, useState } from 'react'
import type { SettingsFocus } from '../../state/route'
import { targetsText } from '../../state/settings-form'
import { useEngine } from '../../state/store-context'
import { SettingsWarning } from '../dashboard/pool-banners'
import { TokenSetup } from '../token/token-setup'
import { ArcExportCard } from './arc-export-card'
import { RunnerSettingsForm } from './runner-settings-form'

/**
 * Settings: target and token first (they decide everything else), then how runners are made. A
 * fix link opens it at the field to change (`#settings/image`, `#settings/token`...).
 */
export function SettingsView({ focus }: { focus: SettingsFocus }) {
  const saved = useEngine((s) => targetsText(s.settings.targets))
  const version = useEngine((s) => s.version)
  const [target, setTarget] = useState(saved)
  const top = useRef<HTMLDivElement>(null)
  useEffect(() => setTarget(saved), [saved])
  useEffect(() => {
    if (focus !== 'token' && focus !== 'targets') return
    const selector =
      focus === 'targets' ? '[data-testid="target-input"]' : '[data-focus-target="token"]'
    const element = top.current?.querySelector<HTMLElement>(selector)
    element?.scrollIntoView?.({ block: 'center' })
    element?.focus()
  }, [focus])
  const formFocus = focus === 'token' || focus === 'targets' ? null : focus
  return (
    <main className="view settings" data-testid="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <SettingsWarning />
      <div ref={top}>
        <TokenSetup heading="GitHub" target={{ text: target, onText: setTarget }} />
      </div>
      <RunnerSettingsForm targetDraft={target} focus={formFocus} />
      <ArcExportCard />
      <p className="muted">RunnerDock {version}</p>
    </main>
  )
}
