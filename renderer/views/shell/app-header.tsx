import { poolBadge } from '../../state/pool-badge'
import type { Route } from '../../state/route'
import { useAppStore } from '../../state/store-context'
import { LogsLink } from '../common/logs-link'

const LINKS = [
  { view: 'dashboard', href: '#dashboard', label: 'Dashboard', testId: 'open-dashboard' },
  { view: 'history', href: '#history', label: 'History', testId: 'open-history' },
  { view: 'logs', href: '#logs', label: 'Logs', testId: 'open-logs' },
  { view: 'settings', href: '#settings', label: 'Settings', testId: 'open-settings' },
] as const

/** The pool's state word (Running, On hold...) with its colour. */
function PoolStateBadge() {
  const snapshot = useAppStore((s) => s.data?.snapshot ?? null)
  if (!snapshot) return null
  const badge = poolBadge(snapshot)
  return (
    <span
      className={`pill pill-${badge.tone}`}
      data-testid="pool-state"
      data-state={badge.label}
      aria-label={`Pool: ${badge.label.toLowerCase()}`}
    >
      {badge.label}
    </span>
  )
}

/**
 * The app's name, its pool state at a glance, a lasting mark while jobs can control Docker, and
 * the links between views (hash routes), the current one marked.
 */
export function AppHeader({ route }: { route: Route }) {
  const dockerAccess = useAppStore((s) => s.data?.settings.dockerAccess ?? false)
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">RunnerDock</span>
        <PoolStateBadge />
        {dockerAccess && (
          <a
            href="#settings"
            className="pill pill-warn"
            data-testid="docker-access-badge"
            title="Every job can control Docker on this machine (Settings, Docker access)"
          >
            Jobs can control Docker
          </a>
        )}
      </div>
      <nav aria-label="Views">
        {LINKS.map((link) =>
          link.view === 'logs' ? (
            <LogsLink
              key={link.view}
              runner={null}
              testId={link.testId}
              current={route.view === 'logs'}
            >
              {link.label}
            </LogsLink>
          ) : (
            <a
              key={link.view}
              href={link.href}
              data-testid={link.testId}
              aria-current={route.view === link.view ? 'page' : undefined}
            >
              {link.label}
            </a>
          ),
        )}
      </nav>
    </header>
  )
}
