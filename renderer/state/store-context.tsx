import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { AppState } from '../../common/contract'
import type { AppActions, AppStore, AppStoreApi } from './app-store'

const StoreContext = createContext<AppStoreApi | null>(null)

/** Gives the views one store; tests hand in a store built on a fake transport. */
export function StoreProvider({ store, children }: { store: AppStoreApi; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

function useStoreApi(): AppStoreApi {
  const store = useContext(StoreContext)
  if (!store) throw new Error('A view was rendered outside <StoreProvider>.')
  return store
}

/** Reads part of the store; the selector must return a stable value (zustand compares by identity). */
export function useAppStore<T>(selector: (state: AppStore) => T): T {
  return useStore(useStoreApi(), selector)
}

/** The actions (a stable object). */
export function useActions(): AppActions {
  return useAppStore((s) => s.actions)
}

/** Reads the engine's state; only for views drawn after it loaded (app.tsx waits for it). */
export function useEngine<T>(selector: (state: AppState) => T): T {
  return useAppStore((s) => {
    if (!s.data) throw new Error('The engine state was read before it loaded.')
    return selector(s.data)
  })
}
