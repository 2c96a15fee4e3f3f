// A private Podman API service for a test: `podman system service` on a socket in a temp folder,
// so the suite never depends on (or disturbs) a system-wide Podman socket or the Docker daemon.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

/** A running Podman service and how to reach it. */
export interface PodmanService {
  readonly socketPath: string
  /** `unix://<socketPath>`, for DOCKER_HOST. */
  readonly dockerHost: string
  /** Runs the podman CLI against the same storage and returns its stdout (throws on failure). */
  cli(args: readonly string[]): string
  close(): Promise<void>
}

/** Why the Podman suite cannot run here, or null when `podman` is installed. */
export function podmanMissingReason(): string | null {
  const probe = spawnSync('podman', ['--version'], { encoding: 'utf8' })
  if (probe.error) return 'podman is not installed (scripts/provision.sh installs it)'
  if (probe.status !== 0) return `"podman --version" failed: ${probe.stderr.trim()}`
  return null
}

/**
 * Starts `podman system service --time=0` on a fresh socket (or on `at`, a path relative to a
 * fresh folder, e.g. "podman/podman.sock" to play an XDG_RUNTIME_DIR) and waits until it answers.
 */
export async function startPodmanService(
  options: { readonly at?: string; readonly timeoutMs?: number } = {},
): Promise<PodmanService & { readonly dir: string }> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-podman-'))
  const socketPath = path.join(dir, options.at ?? 'podman.sock')
  await fsp.mkdir(path.dirname(socketPath), { recursive: true })
  const log = await fsp.open(path.join(dir, 'service.log'), 'w')
  const child: ChildProcess = spawn(
    'podman',
    ['system', 'service', '--time=0', `unix://${socketPath}`],
    { stdio: ['ignore', log.fd, log.fd] },
  )
  let exited: string | null = null
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? code}`))
  const deadline = Date.now() + timeoutMs
  while (!(await answers(socketPath))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL')
      const text = await fsp.readFile(path.join(dir, 'service.log'), 'utf8').catch(() => '')
      throw new Error(
        `podman system service did not answer on ${socketPath} (${exited ?? 'timed out'}): ${text.slice(-2000)}`,
      )
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    dir,
    socketPath,
    dockerHost: `unix://${socketPath}`,
    cli(args) {
      const run = spawnSync('podman', [...args], { encoding: 'utf8' })
      if (run.status !== 0) throw new Error(`podman ${args.join(' ')}: ${run.stderr.trim()}`)
      return run.stdout
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      }
      await log.close()
      await fsp.rm(dir, { recursive: true, force: true })
    },
  }
}

function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (response) => {
      response.resume()
      resolve(response.statusCode === 200)
    })
    request.on('error', () => resolve(false))
    request.on('timeout', () => request.destroy())
  })
}
