import { useAppStore } from '../../state/store-context'
import type { Route } from '../../state/route'
import { LogsLink } from '../common/logs-link'

const LINKS = [
  { view: 'dashboard', href: '#dashboard', label: 'Dashboard', testId: 'open-dashboard' },
  { view: 'logs', href: '#logs', label: 'Logs', testId: 'open-logs' },
  { view: 'settings', href: '#settings', label: 'Settings', testId: 'open-settings' },
] as const

/** The app's name, its pool state at a glance, and the links between views (hash routes). */
export function AppHeader({ route }: { route: Route }) {
  const running = useAppStore((s) => s.data?.snapshot.running ?? null)
  const stopping = useAppStore((s) => s.data?.snapshot.stopping ?? 'no')
  const state =
    running === null ? null : stopping !== 'no' ? 'Stopping' : running ? 'Running' : 'Stopped'
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">RunnerDock</span>
        {state && (
          <span
            className={`pill pill-${state.toLowerCase()}`}
            aria-label={`Pool ${state.toLowerCase()}`}
          >
            {state}
          </span>
        )}
      </div>
      <nav aria-label="Views">
        {LINKS.map((link) =>
          link.view === 'logs' ? (
            <LogsLink key={link.view} runner={null} testId={link.testId}>
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
