import { useEffect, useState } from 'react'
import { useEngine } from '../../state/store-context'
import { TokenSetup } from '../token/token-setup'
import { HealthPanel } from './health-panel'
import { BlockedBanner, ImageProgress, SettingsWarning } from './pool-banners'
import { PoolControls } from './pool-controls'
import { RunnerList } from './runner-list'

/**
 * The main window: first-run setup when there is no token or target, then the pool and its
 * health. Setup stays open once complete, so the user sees the token's check, until closed.
 */
export function DashboardView() {
  const needsSetup = useEngine(
    (s) =>
      !s.token.present || (s.settings.targets.length === 0 && !s.settings.discoverRepositories),
  )
  const [showSetup, setShowSetup] = useState(needsSetup)
  useEffect(() => {
    if (needsSetup) setShowSetup(true)
  }, [needsSetup])
  return (
    <main className="view dashboard" aria-label="Dashboard">
      <SettingsWarning />
      {showSetup && (
        <TokenSetup
          heading="Set up RunnerDock"
          onClose={needsSetup ? undefined : () => setShowSetup(false)}
        />
      )}
      <BlockedBanner />
      <ImageProgress />
      <div className="dashboard-grid">
        <PoolControls />
        <HealthPanel />
      </div>
      <RunnerList />
    </main>
  )
}
