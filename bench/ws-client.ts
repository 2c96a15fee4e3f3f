// A headless-mode client as the dashboard is one: a WebSocket on /rpc, events as JSON frames.
import WebSocket from 'ws'
import { WS_PATH } from '../common/wire'

/** A connected client; `on` hears every event of one name. */
export interface BenchClient {
  on(event: string, listener: (payload: unknown) => void): () => void
  close(): void
}

/** Connects to the headless host at `url` (the printed link, access token included). */
export async function connectClient(url: string): Promise<BenchClient> {
  const page = new URL(url)
  const socket = new WebSocket(
    `ws://${page.host}${WS_PATH}?token=${page.searchParams.get('token')}`,
    {
      headers: { origin: page.origin },
    },
  )
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; event?: string; payload?: unknown }
    if (frame.type !== 'event' || !frame.event) return
    for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload)
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => set.delete(listener)
    },
    close: () => socket.close(),
  }
}
