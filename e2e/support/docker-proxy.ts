import { promises as fsp } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** A unix-socket proxy in front of the Docker daemon that a test can cut and restore. */
export interface DockerProxy {
  readonly socketPath: string
  /** `unix://<socketPath>`, for DOCKER_HOST. */
  readonly dockerHost: string
  /** Docker "goes away": every open connection is destroyed and the socket stops listening. */
  cut(): Promise<void>
  /** Docker "comes back": listens again on the same path. */
  restore(): Promise<void>
  close(): Promise<void>
}

/**
 * Starts a proxy (net.Server piping each connection to `target`) so tests can simulate the daemon
 * disappearing and returning without touching the real one.
 */
export async function startDockerProxy(target = '/var/run/docker.sock'): Promise<DockerProxy> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-docker-proxy-'))
  const socketPath = path.join(dir, 'docker.sock')
  const open = new Set<net.Socket>()
  let server: net.Server | null = null

  const listen = async () => {
    const next = net.createServer((client) => {
      const upstream = net.connect(target)
      open.add(client)
      open.add(upstream)
      const drop = () => {
        client.destroy()
        upstream.destroy()
        open.delete(client)
        open.delete(upstream)
      }
      client.on('error', drop)
      upstream.on('error', drop)
      client.on('close', drop)
      upstream.on('close', drop)
      client.pipe(upstream)
      upstream.pipe(client)
    })
    await fsp.rm(socketPath, { force: true })
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject)
      next.listen(socketPath, () => {
        next.off('error', reject)
        resolve()
      })
    })
    server = next
  }

  const cut = async () => {
    for (const socket of open) socket.destroy()
    open.clear()
    const current = server
    server = null
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()))
    // libuv unlinks the socket on close; make sure, so clients get ENOENT like a stopped daemon.
    await fsp.rm(socketPath, { force: true })
  }

  await listen()
  return {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    cut,
    async restore() {
      if (!server) await listen()
    },
    async close() {
      await cut()
      await fsp.rm(dir, { recursive: true, force: true })
    },
  }
}
