import { render, screen } from '@testing-library/react'
import type { AppState } from '../../common/contract'
import { App } from '../app'
import { createEngineClient } from '../client/engine-client'
import { createAppStore } from '../state/app-store'
import { FakeTransport } from './fake-transport'
import { makeAppState } from './fixtures'

/**
 * Renders the whole app on a fake transport at a hash route and waits until the state loaded.
 * Every method answers `{ ok: true }` unless a test gives a handler.
 */
export async function renderApp(
  options: {
    state?: AppState
    hash?: string
    handlers?: Record<string, (input: unknown) => unknown>
    logCapacity?: number
  } = {},
) {
  window.location.hash = options.hash ?? ''
  const ok = () => ({ ok: true })
  const transport = new FakeTransport({
    getState: () => options.state ?? makeAppState(),
    readLogs: () => ({ entries: [], sources: [] }),
    start: ok,
    stop: ok,
    setDesired: ok,
    retry: ok,
    updateSettings: ok,
    saveToken: ok,
    removeToken: ok,
    startDeviceFlow: ok,
    cancelDeviceFlow: ok,
    openExternal: ok,
    checkToken: () => (options.state ?? makeAppState()).token,
    suggestTargets: () => ({ ok: true, targets: [] }),
    checkHealth: () => (options.state ?? makeAppState()).snapshot,
    discoverTargets: () => ({ ok: true, checkedAt: 0, repos: [] }),
    listJobs: () => ({ records: [], problem: null }),
    listCaches: () => ({
      ok: true,
      enabled: true,
      limitBytes: 20_000_000_000,
      totalBytes: 0,
      caches: [],
    }),
    clearCaches: () => ({ ok: true, removed: 0, waiting: 0, message: 'No cache to clear.' }),
    ...options.handlers,
  })
  const store = createAppStore(
    createEngineClient(transport, () => {}),
    { logCapacity: options.logCapacity },
  )
  const view = render(<App store={store} />)
  await screen.findByTestId('open-dashboard')
  await screen.findByRole('main', { name: /dashboard|logs|settings|history/i })
  return { transport, store, ...view }
}
