/**
 * The one narrow object the preload exposes as `window.runnerdock` (Fiddle `src/preload/preload.ts`):
 * untyped at the boundary on purpose — the renderer's client validates everything that comes back
 * with the contract's schemas, and the main process validates everything that goes in.
 */
export interface RunnerDockBridge {
  /** Calls a contract method; rejects with the host's message when it refuses. */
  invoke(method: string, input: unknown): Promise<unknown>
  /** Listens to a contract event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void
}

/** The global name of the bridge. */
export const BRIDGE_NAME = 'runnerdock'
