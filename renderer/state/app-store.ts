import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppState } from '../../common/contract'
import type { EngineClient } from '../client/engine-client'
import type { ConnectionStatus } from '../client/transport'
import { createExportActions, type ExportActions } from './export-actions'
import { mergeFetchedState, patchOf, type StateEvent, type StatePatch } from './engine-state'
import { createHistoryActions, type HistoryActions } from './history-actions'
import { initialHistory, withUtilization, type HistoryState } from './history-state'
import { withoutCommandAdvice } from './hold-advice'
import { createCacheActions, type CacheActions } from './cache-actions'
import { createLogActions, type LogActions } from './log-actions'
import { ingestLive, initialLogView, LOG_VIEW_CAPACITY, type LogViewState } from './log-view'
import { createPoolActions, type PoolActions } from './pool-actions'
import { addToast, type Toast } from './toasts'

/** Everything the UI can ask for; every action resolves (failures are values, never throws). */
export type AppActions = PoolActions &
  LogActions &
  HistoryActions &
  ExportActions &
  CacheActions & {
    /** Shows a toast from the UI itself (copied, saved...). */
    notify(level: Toast['level'], message: string): void
    dismissToast(id: number): void
    /** Reads the whole state again (after a reconnection, or from an error screen). */
    reload(): Promise<void>
  }

/** The renderer's single store: the engine's state as last reported, plus UI-only state. */
export interface AppStore {
  readonly connection: ConnectionStatus
  /** Null until the first `getState` answer. */
  readonly data: AppState | null
  readonly loadError: string | null
  readonly toasts: readonly Toast[]
  readonly logs: LogViewState
  readonly history: HistoryState
  readonly actions: AppActions
}

/** The store as components and tests hold it. */
export type AppStoreApi = StoreApi<AppStore>

/** Store internals shared with the action modules. */
export interface StoreKit {
  readonly client: EngineClient
  readonly set: (partial: Partial<AppStore> | ((s: AppStore) => Partial<AppStore>)) => void
  readonly get: () => AppStore
  toast(level: Toast['level'], message: string, runner?: string | null): void
}

/**
 * Builds the store and feeds it: `getState` on every (re)connection, then events. Events that
 * arrive while `getState` is answered are newer than its answer and win (engine-state.ts).
 */
export function createAppStore(
  client: EngineClient,
  options: { logCapacity?: number; now?: () => number } = {},
): AppStoreApi {
  const now = options.now ?? Date.now
  let toastId = 0
  let loadEpoch = 0
  let newer: StatePatch = {}
  let history!: ReturnType<typeof createHistoryActions>

  const store = createStore<AppStore>()((set, get) => {
    const kit: StoreKit = {
      client,
      set,
      get,
      toast(level, message, runner = null) {
        const toast = { id: ++toastId, level, message, runner, at: Date.now() }
        set((s) => ({ toasts: addToast(s.toasts, toast) }))
      },
    }
    const logActions = createLogActions(kit)
    history = createHistoryActions(kit)
    return {
      connection: client.status,
      data: null,
      loadError: null,
      toasts: [],
      logs: initialLogView(options.logCapacity ?? LOG_VIEW_CAPACITY),
      history: initialHistory(),
      actions: {
        ...createPoolActions(kit),
        ...logActions,
        ...createExportActions(kit),
        ...createCacheActions(kit),
        loadHistory: history.loadHistory,
        notify: (level, message) => kit.toast(level, message),
        dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
        reload: () => load(),
      },
    }
  })

  async function load(): Promise<void> {
    const epoch = ++loadEpoch
    newer = {}
    try {
      const fetched = await client.call('getState', {})
      if (epoch !== loadEpoch) return
      const data = mergeFetchedState(fetched, newer)
      store.setState({ data, loadError: null })
      sampleUtilization(data.snapshot)
    } catch (error) {
      if (epoch !== loadEpoch) return
      store.setState({ loadError: (error as Error).message })
    }
  }

  function onStateEvent(change: StateEvent): void {
    const patch = patchOf(change)
    newer = { ...newer, ...patch }
    const data = store.getState().data
    if (data) store.setState({ data: { ...data, ...patch } })
    if (patch.snapshot) sampleUtilization(patch.snapshot)
  }

  // The engine keeps no busy/idle series: the History view charts what this page saw.
  function sampleUtilization(snapshot: AppState['snapshot']): void {
    const h = store.getState().history
    const utilization = withUtilization(h.utilization, snapshot, now())
    if (utilization !== h.utilization) store.setState({ history: { ...h, utilization } })
  }

  client.on('snapshot', (payload) => onStateEvent({ event: 'snapshot', payload }))
  client.on('settings', (payload) => onStateEvent({ event: 'settings', payload }))
  client.on('token', (payload) => onStateEvent({ event: 'token', payload }))
  client.on('deviceFlow', (payload) => onStateEvent({ event: 'deviceFlow', payload }))
  client.on('notice', (n) => {
    // A runner's routine news (online, running a job) is in the list already; toasting each of
    // twenty runners would bury what needs the user.
    if (n.level === 'info' && n.runner !== null) return
    // The dashboard has buttons for what the engine words as commands for the CLI.
    const message = withoutCommandAdvice(n.message)
    store.getState().actions.notify(n.level, n.runner ? `${n.runner}: ${message}` : message)
  })
  client.on('job', (record) => history.jobFinished(record))
  client.on('logs', (entries) => {
    const { state, gap } = ingestLive(store.getState().logs, entries)
    store.setState({ logs: state })
    if (gap !== null) void store.getState().actions.fillLogGap(gap)
  })
  client.onStatus((status) => {
    store.setState({ connection: status })
    if (status !== 'open') return
    void load()
    // Lines sent while the socket was down are gone from this view: read the source again.
    const logs = store.getState().logs
    if (logs.active) store.getState().actions.openLogs(logs.runner, true)
    // Jobs that ended while the socket was down sent no event: read the history again.
    if (store.getState().history.records !== null) void history.loadHistory()
  })
  if (client.status === 'open') void load()
  return store
}
