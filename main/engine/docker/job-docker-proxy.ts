import { promises as fsp } from 'node:fs'
import http from 'node:http'
import type net from 'node:net'
import path from 'node:path'
import { err, ok, type Result } from '../../../common/result'
import type { DockerConnection } from './docker-connection'
import { isInside } from './job-docker-mounts'
import {
  decideJobDockerRequest,
  REFUSAL_PREFIX,
  type JobBounds,
  type JobDockerDecision,
  type TargetFacts,
} from './job-docker-policy'
import { classifyJobRequest } from './job-docker-routes'
import { lookUpTarget, upstreamRequest, upstreamSocket } from './job-docker-upstream'

/** How to run one runner's Docker proxy. */
export interface JobDockerProxyOptions {
  /** The unix socket to listen on (bind-mounted as /var/run/docker.sock in the runner). */
  readonly socketPath: string
  /** The real daemon (resolveDockerConnection). */
  readonly connection: DockerConnection
  readonly bounds: JobBounds
  /** Told of every refusal, e.g. to add it to the runner's log. */
  readonly onRefusal?: (message: string, request: { method: string; url: string }) => void
  /** The largest JSON body the proxy reads to check (create requests are a few KB). */
  readonly maxBodyBytes?: number
}

/** A running proxy. */
export interface JobDockerProxy {
  readonly socketPath: string
  /** Stops listening, ends open streams and removes the socket file. */
  close(): Promise<void>
}

const MAX_BODY = 4 * 1024 * 1024

/**
 * A per-runner Docker API proxy (see job-docker-policy.ts for what it allows): a thin adapter that
 * reads each request, asks the policy, and forwards it — bodies it checked are re-serialized,
 * hijacked streams (attach, exec start, BuildKit sessions) are piped raw, streaming answers (logs
 * --follow, events) flow as they come. The socket is made connectable by the runner's user.
 */
export async function startJobDockerProxy(
  options: JobDockerProxyOptions,
): Promise<Result<JobDockerProxy, string>> {
  const { socketPath, bounds } = options
  const workReal = await fsp.realpath(bounds.workFolder).catch(() => null)
  if (workReal === null)
    return err(
      `The job work folder ${bounds.workFolder} does not exist; create it before the proxy.`,
    )
  const open = new Set<net.Socket>()
  const server = http.createServer()
  server.on('connection', (socket) => {
    open.add(socket)
    socket.on('close', () => open.delete(socket))
  })
  const context: ProxyContext = {
    ...options,
    workReal,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY,
  }
  server.on('request', (req, res) => void handleRequest(context, req, res))
  server.on(
    'upgrade',
    (req, socket: net.Socket, head: Buffer) => void handleUpgrade(context, req, socket, head),
  )
  await fsp.rm(socketPath, { force: true })
  const listening = await new Promise<string | null>((resolve) => {
    server.once('error', (error) => resolve(error.message))
    server.listen(socketPath, () => resolve(null))
  })
  if (listening !== null)
    return err(`RunnerDock could not open the job Docker socket ${socketPath}: ${listening}`)
  // The runner runs as uid 1001: the socket must accept it (its folder stays private to us).
  await fsp.chmod(socketPath, 0o666)
  return ok({
    socketPath,
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await fsp.rm(socketPath, { force: true })
    },
  })
}

interface ProxyContext extends JobDockerProxyOptions {
  readonly workReal: string
  readonly maxBodyBytes: number
}

type Verdict =
  | { readonly forward: true; readonly url: string; readonly body: string | null }
  | { readonly forward: false; readonly status: number; readonly message: string }

async function handleRequest(
  context: ProxyContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const verdict = await judge(context, req, null)
  if (!verdict.forward) return answer(res, verdict.status, verdict.message)
  const headers = { ...req.headers }
  if (verdict.body !== null) {
    delete headers['transfer-encoding']
    headers['content-length'] = String(Buffer.byteLength(verdict.body))
    if (verdict.body !== '') headers['content-type'] = 'application/json'
  }
  const upstream = upstreamRequest(
    context.connection,
    { method: req.method, path: verdict.url, headers },
    (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers)
      // Docker sends the headers of a wait or an event stream long before its body; the client
      // blocks on them (docker run waits for "wait" to answer before it starts the container).
      res.flushHeaders()
      upRes.pipe(res)
      upRes.on('error', () => res.destroy())
    },
  )
  upstream.on('error', (error) => {
    if (!res.headersSent)
      answer(res, 502, `RunnerDock's job Docker proxy could not reach Docker: ${error.message}`)
    else res.destroy()
  })
  // A client that goes away (logs --follow stopped) ends the daemon's side too.
  res.on('close', () => upstream.destroy())
  if (verdict.body !== null) upstream.end(verdict.body)
  else req.pipe(upstream)
}

async function handleUpgrade(
  context: ProxyContext,
  req: http.IncomingMessage,
  socket: net.Socket,
  head: Buffer,
): Promise<void> {
  socket.on('error', () => socket.destroy())
  const verdict = await judge(context, req, head)
  if (!verdict.forward) {
    const body = JSON.stringify({ message: verdict.message })
    socket.end(
      `HTTP/1.1 ${verdict.status} ${http.STATUS_CODES[verdict.status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
    return
  }
  const upstream = upstreamSocket(context.connection)
  const lines = [`${req.method} ${verdict.url} HTTP/1.1`]
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`)
  upstream.on('error', () => socket.destroy())
  upstream.on('close', () => socket.destroy())
  socket.on('close', () => upstream.destroy())
  upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
  if (head.length > 0) upstream.write(head)
  socket.pipe(upstream)
  upstream.pipe(socket)
}

/** Reads what the policy needs (body, target labels, real paths) and returns its verdict. */
async function judge(
  context: ProxyContext,
  req: http.IncomingMessage,
  upgradeHead: Buffer | null,
): Promise<Verdict> {
  const method = req.method ?? 'GET'
  const url = req.url ?? '/'
  const route = classifyJobRequest(method, url)
  let body: unknown = undefined
  if (route.needsBody) {
    if (upgradeHead !== null)
      return refuse(400, `${method} ${route.path} cannot be an upgraded stream.`)
    const text = await readBody(req, context.maxBodyBytes)
    if (text === null) return refuse(413, `its body is larger than ${context.maxBodyBytes} bytes.`)
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text)
    } catch {
      return refuse(400, 'its body is not valid JSON.')
    }
  }
  let target: TargetFacts | undefined
  if (route.target) {
    try {
      target = await lookUpTarget(context.connection, route.target)
    } catch (error) {
      return {
        forward: false,
        status: 502,
        message: `RunnerDock's job Docker proxy could not check ${route.target.kind} ${route.target.ref}: ${error instanceof Error ? error.message : String(error)}`,
      }
    }
  }
  const decision: JobDockerDecision = decideJobDockerRequest(
    { method, url, body, target },
    context.bounds,
  )
  if (decision.action === 'refuse') {
    context.onRefusal?.(decision.message, { method, url })
    return { forward: false, status: decision.status, message: decision.message }
  }
  for (const hostPath of decision.hostPaths ?? []) {
    const real = await realPathOf(hostPath)
    if (!isInside(real, context.workReal)) {
      const message = `${REFUSAL_PREFIX} it mounts ${hostPath}, which leads to ${real} outside the job's work folder (through a symbolic link); mount the files themselves.`
      context.onRefusal?.(message, { method, url })
      return { forward: false, status: 403, message }
    }
  }
  const sendBody = route.needsBody
    ? decision.body === undefined
      ? ''
      : JSON.stringify(decision.body)
    : null
  return { forward: true, url: decision.url ?? url, body: sendBody }
}

function refuse(status: number, reason: string): Verdict {
  return { forward: false, status, message: `${REFUSAL_PREFIX} ${reason}` }
}

function answer(res: http.ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ message })
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

function readBody(req: http.IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        resolve(null)
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => resolve(null))
  })
}

/** The real path of `p`, or of its nearest existing ancestor plus the rest (the daemon creates it). */
async function realPathOf(p: string): Promise<string> {
  let existing = p
  const rest: string[] = []
  for (;;) {
    try {
      return path.posix.join(await fsp.realpath(existing), ...rest)
    } catch {
      const parent = path.posix.dirname(existing)
      if (parent === existing) return p
      rest.unshift(path.posix.basename(existing))
      existing = parent
    }
  }
}
