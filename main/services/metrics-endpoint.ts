import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chmod, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { timingSafeEqual } from 'node:crypto'

/** The token file Prometheus reads (`authorization: { credentials_file: … }`). */
export const METRICS_TOKEN_FILE = 'metrics-token'

/** A running metrics endpoint. */
export interface MetricsEndpoint {
  readonly url: string
  readonly tokenFile: string
  close(): Promise<void>
}

/** The bearer token for the endpoint: made once per installation, kept owner-only. */
export async function metricsToken(configDir: string): Promise<string> {
  const file = path.join(configDir, METRICS_TOKEN_FILE)
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim()
  if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing
  const token = randomBytes(32).toString('base64url')
  await writeFile(file, `${token}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  return token
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * `GET /metrics` on 127.0.0.1 for the desktop app (the headless host serves its own). Loopback
 * only, and only with `Authorization: Bearer <token>` from the token file: another local user
 * could otherwise read which repositories run here. Every other request is a 404.
 */
export async function startMetricsEndpoint(options: {
  configDir: string
  port: number
  exposition: () => Promise<{ contentType: string; body: string }>
}): Promise<MetricsEndpoint> {
  const token = await metricsToken(options.configDir)
  const server: Server = createServer((req, res) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end()
      return
    }
    if (!bearer || !sameToken(bearer, token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
      res.end(`Send Authorization: Bearer <the token in ${METRICS_TOKEN_FILE}>.`)
      return
    }
    options.exposition().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500).end(),
    )
  })
  server.on('clientError', (_e, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    tokenFile: path.join(options.configDir, METRICS_TOKEN_FILE),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
