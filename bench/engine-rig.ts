// The product path the bench measures: the Engine (settings, token, pool, logs) behind the headless
// host, with the real Docker port and the Octokit adapter, against the emulator.
import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PoolSnapshot } from '../common/pool-status'
import { systemClock } from '../common/clock'
import { ok } from '../common/result'
import { pendingRegistrationsFile } from '../main/engine/cleanup/pending-registrations-file'
import { createDockerPort, resolveDockerConnection } from '../main/engine/docker'
import { Engine } from '../main/engine/engine'
import { createKeychainTokenStore } from '../main/engine/secrets/keychain-token-store'
import { createSettingsStore } from '../main/engine/settings/settings-store'
import { waitForSnapshot } from '../e2e/support/wait-for-snapshot'
import { startHeadlessServer, type HeadlessServer } from '../main/headless/headless-server'

/** A running engine and its headless host. */
export interface EngineRig {
  readonly engine: Engine
  readonly server: HeadlessServer
  readonly installationId: string
  /** Resolves with the first snapshot that satisfies `predicate`. */
  until(
    predicate: (s: PoolSnapshot) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<PoolSnapshot>
  close(): Promise<void>
}

/** Idle runners (online, not retiring). */
export const idleCount = (s: PoolSnapshot): number =>
  s.runners.filter((r) => r.phase === 'idle').length

/** Starts an engine for `owner/repo` on the emulator at `apiUrl`, with the pool running at 0. */
export async function startEngineRig(options: {
  apiUrl: string
  image: string
  owner: string
  repo: string
  /** Tool and action caches (the app's default is on; the pool's own figures are taken off). */
  caches?: boolean
}): Promise<EngineRig> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-bench-'))
  const connection = await resolveDockerConnection(process.env)
  if (!connection.ok) throw new Error(connection.error.message)
  const port = createDockerPort({ connection: connection.value })
  const engine = await Engine.create({
    settings: createSettingsStore({ dir }),
    // GITHUB_TOKEN is the token source servers use; the keychain is not touched.
    tokens: createKeychainTokenStore({
      env: { GITHUB_TOKEN: `ghp_${randomBytes(18).toString('hex')}` },
    }),
    // With the connection, runners get their _diag folders: a job's output (the log flood) is read
    // from their page files, as in the app.
    docker: async () =>
      ok({ port, description: connection.value.description, connection: connection.value }),
    configDir: dir,
    pending: pendingRegistrationsFile(dir),
    clock: systemClock,
    host: 'headless',
    version: 'bench',
  })
  const patch = {
    apiUrl: options.apiUrl,
    targets: [{ kind: 'repo' as const, owner: options.owner, repo: options.repo }],
    image: options.image,
    networkMode: 'host',
    maxRunners: 32,
    desiredRunners: 0,
    caches: options.caches ?? false,
  }
  const saved = await engine.updateSettings({ patch })
  if (!saved.ok) throw new Error(saved.message)
  const started = await engine.start()
  if (!started.ok) throw new Error(started.message)
  const server = await startHeadlessServer({ engine, rendererDir: dir, host: '127.0.0.1', port: 0 })
  const until: EngineRig['until'] = (predicate, what, timeoutMs = 120_000) =>
    waitForSnapshot(engine, predicate, timeoutMs, () => `Timed out waiting for ${what}`)
  return {
    engine,
    server,
    installationId: engine.settings.installationId!,
    until,
    close: async () => {
      await engine.stopAndWait('now')
      await server.close()
      await engine.dispose()
      await fsp.rm(dir, { recursive: true, force: true })
    },
  }
}
