/** Whether a transport can carry calls now; the UI shows a banner for anything but `open`. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting'

/**
 * How the client reaches the engine: the Electron preload bridge or the headless WebSocket.
 * Untyped on purpose, like the bridge itself: the client validates every value with the contract.
 */
export interface Transport {
  /** Calls a method by name; rejects with a message for the user when the host refuses or is gone. */
  invoke(method: string, input: unknown): Promise<unknown>
  /** Listens to an event by name; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void
  /** The connection state now. */
  readonly status: ConnectionStatus
  /** Listens to connection changes; returns the unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void
  /** Stops the transport for good (tests, window teardown). */
  close(): void
}
