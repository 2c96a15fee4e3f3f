import { useEffect, useState } from 'react'
import { useEngine } from '../../state/store-context'
import { TokenSetup } from '../token/token-setup'
import { CachesCard } from './caches-card'
import { HealthPanel } from './health-panel'
import { HoldBanner } from './hold-banner'
import { ImageProgress, SettingsWarning, StopLeftovers } from './pool-banners'
import { PoolControls } from './pool-controls'
import { RunnerList } from './runner-list'
import { TargetsCard } from './targets-card'

/**
 * The main window: first-run setup when there is no token or target, then why the pool is on hold
 * (once), the pool, its health, its targets, its runners and the caches they share. Setup stays open once complete, so
 * the user sees the token's check, until closed.
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
    <main className="view dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      <SettingsWarning />
      {showSetup && (
        <TokenSetup
          heading="Set up RunnerDock"
          onClose={needsSetup ? undefined : () => setShowSetup(false)}
        />
      )}
      <HoldBanner />
      <StopLeftovers />
      <ImageProgress />
      <div className="dashboard-grid">
        <PoolControls />
        <HealthPanel />
      </div>
      <TargetsCard />
      <RunnerList />
      <CachesCard />
    </main>
  )
}
