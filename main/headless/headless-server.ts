import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { networkInterfaces } from 'node:os'
import { WebSocketServer, type WebSocket } from 'ws'
import { eventNames } from '../../common/contract'
import { dispatch } from '../../common/dispatch'
import { CONTENT_SECURITY_POLICY } from '../../common/content-security-policy'
import {
  callIdSchema,
  clientFrameSchema,
  MAX_CALLS_IN_FLIGHT,
  MAX_CLIENT_FRAME_BYTES,
  WS_CLOSE,
  WS_PATH,
  type ServerFrame,
} from '../../common/wire'
import { ACCESS_COOKIE, allowedHostsFor, checkRequest } from './access-guard'
import type { HostedEngine } from '../engine/engine-deps'
import { clientErrorStatus, refusalText } from './http-refusal'
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

// Node's defaults let a client hold a half-sent request for minutes; the dashboard's requests are
// tiny and local. Timeouts are checked every second instead of every 30 s.
const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
}

/** Answers a socket no `ServerResponse` owns with a raw response, then closes it. */
function refuse(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy()
  socket.end(refusalText(status, reason), () => socket.destroy())
}

function facts(req: IncomingMessage) {
  return {
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
    authorization: req.headers.authorization,
    url: req.url ?? '/',
  }
}

/**
 * Serves the renderer and the contract over HTTP + WebSocket on loopback (by default). Every
 * request passes the access guard; every frame is validated; the engine never learns who called.
 * Nothing a client sends can stop the server: a malformed request is answered 400 (431, 408), a
 * WebSocket that breaks the protocol is closed with its code, and every path catches what it can
 * throw, so one bad connection never takes the others down.
 */
export async function startHeadlessServer(options: {
  engine: HostedEngine
  rendererDir: string
  host: string
  port: number
  token?: string
  /** The Prometheus exposition for `GET /metrics` (same access rules, or `Bearer <token>`). */
  metrics?: () => Promise<{ contentType: string; body: string }>
}): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const sockets = new Set<WebSocket>()
  let allowed = new Set<string>()
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    perMessageDeflate: false,
  })

  const server: Server = createServer(SERVER_TIMEOUTS, (req, res) => {
    handleHttp(req, res).catch(() => {
      if (res.headersSent) return void res.destroy()
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
      res.end('RunnerDock hit an internal error answering this request.')
    })
  })
  // A request Node cannot parse (bad method, bad header, too large, cut short, too slow).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const owner = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage
    if (error.code === 'ECONNRESET' || (owner && owner.headersSent)) return void socket.destroy()
    refuse(socket, clientErrorStatus(error.code), 'Malformed request.')
  })
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
      // The guard accepted the target as a path, so this is a path too (percent-encoded ASCII).
      const path = new URL(req.url ?? '/', 'http://x').pathname
      res.writeHead(303, {
        location: path,
        'set-cookie': `${ACCESS_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        ...SECURITY_HEADERS,
      })
      return void res.end()
    }
    if (options.metrics && new URL(req.url ?? '/', 'http://x').pathname === '/metrics') {
      const { contentType, body } = await options.metrics()
      res.writeHead(200, { 'content-type': contentType, ...SECURITY_HEADERS })
      return void res.end(req.method === 'HEAD' ? undefined : body)
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

  // CONNECT (a proxy request): without a listener Node drops the connection without an answer.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy())
    refuse(socket, 405, 'RunnerDock is not a proxy.')
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws owns it, a reset on this socket has no other listener and would crash the process.
    socket.on('error', () => socket.destroy())
    try {
      const verdict = checkRequest(facts(req), token, allowed)
      if (!verdict.allow) return refuse(socket, verdict.status, verdict.reason)
      if ((req.url ?? '').split('?')[0] !== WS_PATH)
        return refuse(socket, 404, 'The only WebSocket here is ' + WS_PATH + '.')
      if (req.headers.origin === undefined)
        return refuse(socket, 403, 'A WebSocket needs an Origin header.')
      // ws answers a malformed handshake (bad key, version, method) with its own 400/405/426.
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
    } catch {
      refuse(socket, 400, 'Malformed upgrade request.')
    }
  })

  function send(ws: WebSocket, frame: ServerFrame | string): void {
    if (ws.readyState !== ws.OPEN) return
    try {
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
    } catch {
      ws.terminate()
    }
  }

  function attach(ws: WebSocket): void {
    sockets.add(ws)
    let inFlight = 0
    ws.on('close', () => sockets.delete(ws))
    // Protocol errors (invalid UTF-8, oversized or malformed frames): ws has already sent the
    // close frame with the matching code; without this listener the error would crash the host.
    ws.on('error', () => sockets.delete(ws))
    ws.on('message', (data, isBinary) => {
      if (isBinary) return void ws.close(WS_CLOSE.unsupportedData, 'Frames must be JSON text.')
      let frame: unknown
      try {
        frame = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data))
      } catch {
        return void ws.close(WS_CLOSE.invalidPayload, 'Frames must be JSON.')
      }
      const parsed = clientFrameSchema.safeParse(frame)
      if (!parsed.success) {
        const call = callIdSchema.safeParse(frame)
        if (!call.success) return void ws.close(WS_CLOSE.policyViolation, 'Malformed frame.')
        return send(ws, {
          type: 'result',
          id: call.data.id,
          ok: false,
          error: 'Malformed call: "method" must be the name of a contract method.',
        })
      }
      const { id, method, input } = parsed.data
      if (inFlight >= MAX_CALLS_IN_FLIGHT)
        return send(ws, {
          type: 'result',
          id,
          ok: false,
          error: `Too many calls at once (${MAX_CALLS_IN_FLIGHT}); wait for answers before sending more.`,
        })
      inFlight++
      dispatch(options.engine, method, input)
        .catch((error: unknown) => ({
          ok: false as const,
          error: `RunnerDock hit an internal error: ${error instanceof Error ? error.message : String(error)}`,
        }))
        .then((result) => {
          inFlight--
          send(
            ws,
            result.ok
              ? { type: 'result', id, ok: true, value: result.value }
              : { type: 'result', id, ok: false, error: result.error },
          )
        })
    })
  }

  const unsubscribe = eventNames.map((event) =>
    options.engine.on(event, (payload) => {
      const text = JSON.stringify({ type: 'event', event, payload } satisfies ServerFrame)
      for (const ws of sockets) {
        if (event === 'logs' && ws.bufferedAmount > MAX_BUFFERED) continue
        send(ws, text)
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
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
