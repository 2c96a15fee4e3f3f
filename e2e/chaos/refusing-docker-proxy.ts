// A unix-socket proxy in front of the Docker daemon that can refuse every connection while noting
// when each came: a dead daemon as the engine sees it (its connections fail), but with the
// engine's reconnect attempts visible, so a test can bring Docker back at a chosen point of the
// engine's backoff instead of at a lucky one.
import { promises as fsp } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** The proxy, its switch, and the engine's refused attempts. */
export interface RefusingDockerProxy {
  /** `unix://…`, for DOCKER_HOST. */
  readonly dockerHost: string
  /** `performance.now()` of every connection refused so far. */
  readonly refusedAt: readonly number[]
  /** Docker "dies": open connections are cut, new ones are accepted and closed at once. */
  refuse(): void
  /** Docker "is back": connections reach the daemon again. */
  pass(): void
  close(): Promise<void>
}

/** Starts a proxy to `target` (default: the host's daemon), passing connections through. */
export async function startRefusingDockerProxy(
  target = '/var/run/docker.sock',
): Promise<RefusingDockerProxy> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-refusing-proxy-'))
  const socketPath = path.join(dir, 'docker.sock')
  const open = new Set<net.Socket>()
  const refusedAt: number[] = []
  let refusing = false
  const server = net.createServer((client) => {
    client.on('error', () => undefined)
    if (refusing) {
      refusedAt.push(performance.now())
      client.destroy()
      return
    }
    const upstream = net.connect(target)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    open.add(client)
    open.add(upstream)
    upstream.on('error', drop)
    client.on('close', drop)
    upstream.on('close', drop)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  return {
    dockerHost: `unix://${socketPath}`,
    refusedAt,
    refuse() {
      refusing = true
      for (const socket of open) socket.destroy()
      open.clear()
    },
    pass() {
      refusing = false
    },
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await fsp.rm(dir, { recursive: true, force: true })
    },
  }
}
