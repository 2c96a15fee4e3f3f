import { BRIDGE_NAME, type RunnerDockBridge } from '../../common/bridge'
import type { Transport } from './transport'

/** Finds the preload's bridge on a window, checking its shape (the renderer trusts nothing global). */
export function findBridge(win: object): RunnerDockBridge | null {
  const candidate: unknown = (win as Record<string, unknown>)[BRIDGE_NAME]
  if (typeof candidate !== 'object' || candidate === null) return null
  const { invoke, on } = candidate as Record<string, unknown>
  return typeof invoke === 'function' && typeof on === 'function'
    ? (candidate as RunnerDockBridge)
    : null
}

/**
 * The Electron transport: IPC through `window.runnerdock`. The main process lives as long as the
 * window, so the connection is always open.
 */
export function createBridgeTransport(bridge: RunnerDockBridge): Transport {
  const unsubscribers = new Set<() => void>()
  return {
    status: 'open',
    invoke: (method, input) => bridge.invoke(method, input),
    on(event, listener) {
      const off = bridge.on(event, listener)
      unsubscribers.add(off)
      return () => {
        unsubscribers.delete(off)
        off()
      }
    },
    onStatus: () => () => {},
    close() {
      for (const off of unsubscribers) off()
      unsubscribers.clear()
    },
  }
}
