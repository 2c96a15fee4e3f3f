import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { WebSocketServer, type WebSocket } from 'ws'
import { eventNames } from '../../common/contract'
import { dispatch } from '../../common/dispatch'
import { CONTENT_SECURITY_POLICY } from '../../common/content-security-policy'
import { clientFrameSchema, MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../../common/wire'
import { ACCESS_COOKIE, allowedHostsFor, checkRequest } from './access-guard'
import type { HostedEngine } from '../engine/engine-deps'
import { readStatic } from './static-files'

/** A running headless host. */
export interface HeadlessServer {
  /** The URL to open, access token included. */
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
}
// Slow clients skip live log batches instead of buffering without bound; they can re-read by seq.
const MAX_BUFFERED = 8 * 1024 * 1024

function facts(req: IncomingMessage) {
  return {
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
    url: req.url ?? '/',
  }
}

/**
 * Serves the renderer and the contract over HTTP + WebSocket on loopback (by default). Every
 * request passes the access guard; every frame is validated; the engine never learns who called.
 */
export async function startHeadlessServer(options: {
  engine: HostedEngine
  rendererDir: string
  host: string
  port: number
  token?: string
}): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const sockets = new Set<WebSocket>()
  let allowed = new Set<string>()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })

  const server: Server = createServer((req, res) => void handleHttp(req, res))
  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(facts(req), token, allowed)
    if (!verdict.allow) {
      res.writeHead(verdict.status, {
        'content-type': 'text/plain; charset=utf-8',
        ...SECURITY_HEADERS,
      })
      return void res.end(verdict.reason)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS })
      return void res.end()
    }
    if (verdict.viaQuery) {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      const path = (req.url ?? '/').split('?')[0] ?? '/'
      res.writeHead(303, {
        location: path,
        'set-cookie': `${ACCESS_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        ...SECURITY_HEADERS,
      })
      return void res.end()
    }
    const file = await readStatic(options.rendererDir, req.url ?? '/')
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
      return void res.end('Not found. Build the renderer with "npm run build".')
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.length,
      ...SECURITY_HEADERS,
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  server.on('upgrade', (req, socket, head) => {
    const verdict = checkRequest(facts(req), token, allowed)
    const path = (req.url ?? '').split('?')[0]
    if (!verdict.allow || path !== WS_PATH || req.headers.origin === undefined) {
      socket.end(
        `HTTP/1.1 ${verdict.allow ? 403 : verdict.status} Refused\r\nconnection: close\r\n\r\n`,
      )
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function send(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
  }

  function attach(ws: WebSocket): void {
    sockets.add(ws)
    ws.on('close', () => sockets.delete(ws))
    ws.on('message', (data, isBinary) => {
      let frame: unknown
      try {
        frame = isBinary ? null : JSON.parse(data.toString())
      } catch {
        frame = null
      }
      const parsed = clientFrameSchema.safeParse(frame)
      if (!parsed.success) return void ws.close(1003, 'Malformed frame')
      const { id, method, input } = parsed.data
      void dispatch(options.engine, method, input).then((result) =>
        send(
          ws,
          result.ok
            ? { type: 'result', id, ok: true, value: result.value }
            : { type: 'result', id, ok: false, error: result.error },
        ),
      )
    })
  }

  const unsubscribe = eventNames.map((event) =>
    options.engine.on(event, (payload) => {
      const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame)
      for (const ws of sockets) {
        if (event === 'logs' && ws.bufferedAmount > MAX_BUFFERED) continue
        if (ws.readyState === ws.OPEN) ws.send(text)
      }
    }),
  )

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  allowed = allowedHostsFor(options.host.includes(':') ? `[${options.host}]` : options.host, port)
  const shownHost =
    options.host === '0.0.0.0' || options.host === '::'
      ? '127.0.0.1'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host
  if (shownHost !== options.host) {
    // Bound to every interface: answer to each of this machine's addresses, and nothing else.
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? [])
        allowed.add(
          (a.family === 'IPv6' ? `[${a.address}]:${port}` : `${a.address}:${port}`).toLowerCase(),
        )
    }
    for (const h of allowedHostsFor('127.0.0.1', port)) allowed.add(h)
  }
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    close: async () => {
      unsubscribe.forEach((off) => off())
      for (const ws of sockets) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
