import type { AppStoreApi } from './state/app-store'
import { StoreProvider, useAppStore, useActions } from './state/store-context'
import { DashboardView } from './views/dashboard/dashboard-view'
import { HistoryPage } from './views/history/history-page'
import { LogViewer } from './views/logs/log-viewer'
import { SettingsView } from './views/settings/settings-view'
import { AppHeader } from './views/shell/app-header'
import { ConnectionBanner } from './views/shell/connection-banner'
import { ToastList } from './views/shell/toast-list'
import { documentTitle } from './state/route'
import { useDocumentTitle } from './views/common/use-document-title'
import { useHashRoute } from './views/common/use-hash-route'

function Waiting() {
  const loadError = useAppStore((s) => s.loadError)
  const { reload } = useActions()
  if (!loadError) {
    return (
      <main className="view waiting" aria-busy="true">
        <p>Loading RunnerDock…</p>
      </main>
    )
  }
  return (
    <main className="view waiting">
      <div className="banner banner-error" role="alert">
        RunnerDock could not load its state: {loadError}{' '}
        <button type="button" onClick={() => void reload()}>
          Try again
        </button>
      </div>
    </main>
  )
}

function Shell() {
  const route = useHashRoute()
  const loaded = useAppStore((s) => s.data !== null)
  useDocumentTitle(documentTitle(route))
  return (
    <>
      <AppHeader route={route} />
      <ConnectionBanner />
      {!loaded ? (
        <Waiting />
      ) : route.view === 'logs' ? (
        <LogViewer runner={route.runner} />
      ) : route.view === 'history' ? (
        <HistoryPage />
      ) : route.view === 'settings' ? (
        <SettingsView focus={route.focus} />
      ) : (
        <DashboardView />
      )}
      <ToastList />
    </>
  )
}

/** The whole UI for one store: the Electron windows and the browser load the same app. */
export function App({ store }: { store: AppStoreApi }) {
  return (
    <StoreProvider store={store}>
      <Shell />
    </StoreProvider>
  )
}
