import { z } from 'zod'
import { clientFrameSchema, serverFrameSchema, WS_PATH } from '../../common/wire'
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff'
import type { ConnectionStatus, Transport } from './transport'

/** The part of the browser's WebSocket the transport uses, so tests can hand in a fake. */
export interface SocketLike {
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: unknown) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onerror: ((event: unknown) => void) | null
}

/** Everything the transport depends on; only `url` is needed in the browser. */
export interface WebSocketTransportOptions {
  readonly url: string
  readonly createSocket?: (url: string) => SocketLike
  readonly backoff?: BackoffPolicy
  readonly random?: () => number
  readonly warn?: (message: string) => void
}

/**
 * The headless host's address for the page it served: same host, so the access cookie it set on
 * page load goes along (main/headless/headless-server.ts refuses the upgrade without it).
 */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`
}

/**
 * The host's frames, from the contract's own member schemas. `serverFrameSchema` discriminates on
 * `type`, where two members share "result": zod 4 throws "Duplicate discriminator value" on every
 * parse, so a plain union of the same members does the checking.
 */
export const hostFrameSchema = z.union(serverFrameSchema.options)

interface PendingCall {
  readonly method: string
  resolve(value: unknown): void
  reject(error: Error): void
}

/**
 * The browser transport for `runnerdock serve`: one WebSocket carrying call/result/event frames
 * (common/wire.ts), reconnecting with backoff for as long as the page is open. Calls in flight
 * when the socket drops are rejected, not retried: the engine may already have acted on them.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike)
  const policy = options.backoff ?? DEFAULT_BACKOFF
  const random = options.random ?? Math.random
  const warn = options.warn ?? ((message: string) => console.warn(message))
  const pending = new Map<number, PendingCall>()
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let status: ConnectionStatus = 'connecting'
  let socket: SocketLike | null = null
  let nextId = 1
  let attempt = 0
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let closed = false

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return
    status = next
    for (const listener of statusListeners) listener(next)
  }

  function rejectPending(): void {
    for (const call of pending.values()) {
      call.reject(
        new Error(
          `Lost the connection to RunnerDock before "${call.method}" finished; it may or may not have happened. RunnerDock reconnects by itself: check the result, then try again.`,
        ),
      )
    }
    pending.clear()
  }

  function onMessage(data: unknown): void {
    let raw: unknown
    try {
      raw = typeof data === 'string' ? JSON.parse(data) : null
    } catch {
      raw = null
    }
    const frame = hostFrameSchema.safeParse(raw)
    if (!frame.success) return warn('RunnerDock: dropped a malformed frame from the host.')
    const value = frame.data
    if (value.type === 'event') {
      for (const listener of eventListeners.get(value.event) ?? []) listener(value.payload)
      return
    }
    const call = pending.get(value.id)
    if (!call) return
    pending.delete(value.id)
    if (value.ok) call.resolve(value.value)
    else call.reject(new Error(value.error))
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer !== null) return
    // 'connecting' covers the first attempt only; after any failure the banner says so.
    setStatus('reconnecting')
    const delay = backoffDelay(attempt, policy, random())
    attempt += 1
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect()
    }, delay)
  }

  function connect(): void {
    if (closed) return
    let ws: SocketLike
    try {
      ws = createSocket(options.url)
    } catch {
      return scheduleReconnect()
    }
    socket = ws
    ws.onopen = () => {
      if (socket !== ws) return
      attempt = 0
      setStatus('open')
    }
    ws.onmessage = (event) => {
      if (socket === ws) onMessage(event.data)
    }
    ws.onerror = () => {
      // The close event that always follows carries the reconnection.
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      rejectPending()
      scheduleReconnect()
    }
  }

  connect()

  return {
    get status() {
      return status
    },
    invoke(method, input) {
      if (closed) return Promise.reject(new Error('The connection to RunnerDock was closed.'))
      if (status !== 'open' || socket === null) {
        return Promise.reject(
          new Error(
            'Not connected to RunnerDock right now. Wait until it reconnects, then try again.',
          ),
        )
      }
      const frame = clientFrameSchema.safeParse({ type: 'call', id: nextId, method, input })
      if (!frame.success) return Promise.reject(new Error(`Cannot send "${method}" to RunnerDock.`))
      const id = nextId++
      const ws = socket
      return new Promise<unknown>((resolve, reject) => {
        pending.set(id, { method, resolve, reject })
        try {
          ws.send(JSON.stringify(frame.data))
        } catch {
          pending.delete(id)
          reject(new Error(`Could not send "${method}" to RunnerDock: the connection is closing.`))
        }
      })
    },
    on(event, listener) {
      let set = eventListeners.get(event)
      if (!set) {
        set = new Set()
        eventListeners.set(event, set)
      }
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => {
        statusListeners.delete(listener)
      }
    },
    close() {
      closed = true
      if (retryTimer !== null) clearTimeout(retryTimer)
      retryTimer = null
      const ws = socket
      socket = null
      rejectPending()
      ws?.close(1000, 'closed')
      eventListeners.clear()
      statusListeners.clear()
    },
  }
}
