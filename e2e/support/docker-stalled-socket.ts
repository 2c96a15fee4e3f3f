import { promises as fsp } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** A fake daemon socket that accepts connections and never answers. */
export interface StalledDockerSocket {
  readonly socketPath: string
  /** `unix://<socketPath>`, for DOCKER_HOST. */
  readonly dockerHost: string
  /** How many connections it has swallowed so far. */
  connections(): number
  close(): Promise<void>
}

/**
 * Stands in for a frozen daemon (SIGSTOPped, or wedged): requests are read and never answered, so
 * only a client-side deadline gets the caller out.
 */
export async function startStalledDockerSocket(): Promise<StalledDockerSocket> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-stalled-docker-'))
  const socketPath = path.join(dir, 'docker.sock')
  const open = new Set<net.Socket>()
  let accepted = 0
  const server = net.createServer((socket) => {
    accepted++
    open.add(socket)
    socket.on('data', () => undefined)
    socket.on('error', () => undefined)
    socket.on('close', () => open.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(socketPath, resolve))
  return {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    connections: () => accepted,
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await fsp.rm(dir, { recursive: true, force: true })
    },
  }
}
