import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from './transport'
import { createWebSocketTransport, webSocketUrl, type SocketLike } from './ws-transport'

class FakeSocket implements SocketLike {
  sent: unknown[] = []
  closed = false
  onopen: SocketLike['onopen'] = null
  onclose: SocketLike['onclose'] = null
  onmessage: SocketLike['onmessage'] = null
  onerror: SocketLike['onerror'] = null
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close() {
    this.closed = true
  }
  open() {
    this.onopen?.({})
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) })
  }
  drop() {
    this.onclose?.({ code: 1006, reason: '' })
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const warn = vi.fn()
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:7000/rpc',
    createSocket: (url) => {
      const s = new FakeSocket(url)
      sockets.push(s)
      return s
    },
    random: () => 0.5,
    warn,
  })
  const statuses: ConnectionStatus[] = []
  transport.onStatus((s) => statuses.push(s))
  return { transport, sockets, statuses, warn, last: () => sockets[sockets.length - 1]! }
}

describe('WebSocket transport', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('addresses the host that served the page', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:7000' })).toBe(
      'ws://127.0.0.1:7000/rpc',
    )
    expect(webSocketUrl({ protocol: 'https:', host: 'box:443' })).toBe('wss://box:443/rpc')
  })

  it('sends call frames and resolves or rejects them from result frames', async () => {
    const { transport, last } = setup()
    expect(transport.status).toBe('connecting')
    last().open()
    expect(transport.status).toBe('open')
    const ok = transport.invoke('start', {})
    const refused = transport.invoke('stop', { mode: 'now' })
    expect(last().sent).toEqual([
      { type: 'call', id: 1, method: 'start', input: {} },
      { type: 'call', id: 2, method: 'stop', input: { mode: 'now' } },
    ])
    last().receive({ type: 'result', id: 2, ok: false, error: 'Invalid input for stop' })
    last().receive({ type: 'result', id: 1, ok: true, value: { ok: true } })
    await expect(ok).resolves.toEqual({ ok: true })
    await expect(refused).rejects.toThrow('Invalid input for stop')
  })

  it('delivers events by name and drops malformed frames', () => {
    const { transport, last, warn } = setup()
    last().open()
    const seen: unknown[] = []
    transport.on('notice', (p) => seen.push(p))
    last().receive({ type: 'event', event: 'notice', payload: { a: 1 } })
    last().receive({ type: 'event', event: 'snapshot', payload: {} })
    last().receive('not json')
    last().receive({ type: 'nonsense' })
    expect(seen).toEqual([{ a: 1 }])
    expect(warn).toHaveBeenCalledTimes(2)
  })

  it('rejects calls in flight on disconnect, then reconnects with backoff', async () => {
    const { transport, sockets, statuses, last } = setup()
    last().open()
    const pending = transport.invoke('start', {})
    last().drop()
    await expect(pending).rejects.toThrow(
      /Lost the connection to RunnerDock before "start" finished/,
    )
    expect(transport.status).toBe('reconnecting')
    await expect(transport.invoke('start', {})).rejects.toThrow(/Not connected to RunnerDock/)
    vi.advanceTimersByTime(299)
    expect(sockets).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(2)
    last().drop()
    vi.advanceTimersByTime(600)
    expect(sockets).toHaveLength(3)
    last().open()
    expect(statuses).toEqual(['open', 'reconnecting', 'open'])
  })

  it('stops for good when closed', async () => {
    const { transport, sockets, last } = setup()
    last().open()
    const pending = transport.invoke('start', {})
    transport.close()
    await expect(pending).rejects.toThrow(/Lost the connection/)
    expect(last().closed).toBe(true)
    vi.advanceTimersByTime(60_000)
    expect(sockets).toHaveLength(1)
  })
})
