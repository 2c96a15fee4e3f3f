import type { ConnectionStatus, Transport } from '../client/transport'

type Handler = (input: unknown) => unknown

/**
 * A Transport for tests: records every call, answers from per-method handlers, and lets a test
 * push events and connection changes as the engine would.
 */
export class FakeTransport implements Transport {
  readonly calls: { method: string; input: unknown }[] = []
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>()
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>()
  status: ConnectionStatus

  constructor(
    private readonly handlers: Record<string, Handler> = {},
    status: ConnectionStatus = 'open',
  ) {
    this.status = status
  }

  /** Sets or replaces how a method answers. */
  handle(method: string, handler: Handler): void {
    this.handlers[method] = handler
  }

  /** The inputs of every call to one method, in order. */
  callsTo(method: string): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input)
  }

  invoke(method: string, input: unknown): Promise<unknown> {
    this.calls.push({ method, input })
    const handler = this.handlers[method]
    if (!handler) return Promise.reject(new Error(`No fake handler for ${method}`))
    try {
      return Promise.resolve(handler(input))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  on(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener)
    return () => set.delete(listener)
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  /** Delivers an event payload as the host would (unvalidated). */
  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }

  /** Changes the connection state. */
  setStatus(status: ConnectionStatus): void {
    this.status = status
    for (const listener of this.statusListeners) listener(status)
  }

  close(): void {
    this.listeners.clear()
  }
}
