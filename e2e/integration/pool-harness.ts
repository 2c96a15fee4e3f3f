import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { SecretRegistry } from '../../common/redact'
import type { PoolSnapshot } from '../../common/pool-status'
import { createDockerPort, resolveDockerConnection } from '../../main/engine/docker'
import { createOctokitGitHub } from '../../main/engine/github/octokit-github'
import type { RateLimitNotice } from '../../main/engine/github/github-port'
import { LogStore } from '../../main/engine/logs/log-store'
import { systemClock } from '../../common/clock'
import { memoryPendingRegistrations } from '../../main/engine/cleanup/pending-registrations'
import { Pool } from '../../main/engine/pool/pool'
import {
  resolvePoolConfig,
  type PoolGoal,
  type PoolSettings,
  type PoolTiming,
} from '../../main/engine/pool/pool-config'
import type { Target } from '../../common/target'
import type { PoolNotice } from '../../main/engine/pool/pool-types'
import { LABELS, runnerNamePrefix } from '../../main/engine/pool/runner-labels'
import { poolAttachments } from '../../main/engine/runner-setup/pool-attachments'
import { waitForSnapshot } from '../support/wait-for-snapshot'
import type { Emulator, RunnerView as EmulatorRunner } from '../emulator'

/** The repository every pool test registers runners on (the emulator knows any repo). */
export const TARGET = {
  kind: 'repo',
  owner: 'octo',
  repo: `app-${randomBytes(3).toString('hex')}`,
} as const

/** A pool wired to the real Docker engine and the emulator, plus what it told us. */
export interface PoolUnderTest {
  readonly pool: Pool
  readonly installationId: string
  readonly logs: LogStore
  readonly notices: PoolNotice[]
  readonly rateLimits: RateLimitNotice[]
  /** Starts a fixed pool of `n` runners per target (default: the one test repository). */
  start(n: number, targets?: readonly Target[]): Promise<void>
  /** Starts a pool with any goal (on demand, several targets...). */
  startGoal(goal: PoolGoal): Promise<void>
  /** The config folder of a pool made `withFolders` (its runners' folders are in `jobs/`). */
  readonly configDir: string | null
  /** Resolves with the first snapshot that satisfies `predicate` (or rejects after `timeoutMs`). */
  until(
    predicate: (s: PoolSnapshot) => boolean,
    timeoutMs?: number,
    what?: string,
  ): Promise<PoolSnapshot>
}

/** Builds a pool against real parts. `dockerHost` lets a test put a proxy in front of the daemon. */
export async function createTestPool(options: {
  apiUrl: string
  image: string
  token?: string
  dockerHost?: string
  config?: Partial<PoolSettings & PoolTiming>
  /** Docker's default bridge instead of the host network (the emulator must listen on the bridge). */
  max?: number
  /**
   * Runners get their folders as the app composes them (poolAttachments, Docker for jobs off):
   * a host `_diag` each, whose page files become the runner's `step` lines.
   */
  withFolders?: boolean
}): Promise<PoolUnderTest> {
  const env = options.dockerHost ? { ...process.env, DOCKER_HOST: options.dockerHost } : process.env
  const connection = await resolveDockerConnection(env)
  if (!connection.ok) throw new Error(connection.error.message)
  const docker = createDockerPort({ connection: connection.value, callTimeoutMs: 5000 })
  const rateLimits: RateLimitNotice[] = []
  const token = options.token ?? `ghp_${randomBytes(18).toString('hex')}`
  const github = createOctokitGitHub({
    apiUrl: options.apiUrl,
    token,
    retryBaseMs: 100,
    onRateLimit: (n) => rateLimits.push(n),
  })
  const secrets = new SecretRegistry()
  secrets.add(token)
  const logs = new LogStore(secrets.redact)
  const installationId = randomBytes(4).toString('hex')
  const {
    onlineTimeoutMs,
    listIntervalMs,
    deleteRetryMs,
    stopGitHubMs,
    demandActiveMs,
    demandQuietMs,
    ...settings
  } = {
    installationId,
    apiUrl: options.apiUrl,
    labels: ['linux'],
    runnerGroup: null,
    image: options.image,
    cpus: null,
    memoryMb: null,
    pidsLimit: 4096,
    networkMode: 'host',
    dockerAccess: false,
    caches: false,
    onlineTimeoutMs: 30_000,
    listIntervalMs: 2_000,
    deleteRetryMs: 15_000,
    stopGitHubMs: 5_000,
    ...options.config,
  }
  const pending = memoryPendingRegistrations()
  const configDir = options.withFolders
    ? await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-pool-folders-'))
    : null
  const attachments = configDir
    ? poolAttachments({
        installationId,
        image: options.image,
        dockerAccess: false,
        caches: false,
        cacheLimitBytes: () => 0,
        apiUrl: options.apiUrl,
        configDir,
        env: { RUNNERDOCK_CONFIG_DIR: configDir },
        connection: connection.value,
        log: (runner, message) => logs.append(runner, 'engine', Date.now(), message),
        stepLine: (runner, time, text) => logs.append(runner, 'step', time, text),
        traceLine: (runner, time, text) => logs.append(runner, 'trace', time, text),
      }).attachments
    : undefined
  const pool = new Pool(
    resolvePoolConfig(settings, {
      onlineTimeoutMs,
      listIntervalMs,
      deleteRetryMs,
      stopGitHubMs,
      demandActiveMs,
      demandQuietMs,
    }),
    {
      docker,
      github,
      logs,
      secrets,
      clock: systemClock,
      pending,
      ...(attachments ? { attachments } : {}),
    },
  )
  const notices: PoolNotice[] = []
  pool.on('notice', (n) => notices.push(n))
  const until: PoolUnderTest['until'] = (predicate, timeoutMs = 30_000, what = 'condition') =>
    waitForSnapshot(
      pool,
      predicate,
      timeoutMs,
      () =>
        `Timed out after ${timeoutMs} ms waiting for ${what}. Last snapshot: ${JSON.stringify(summary(pool.snapshot()))}\nNotices: ${notices.map((n) => n.message).join('\n')}`,
    )
  const startGoal = (goal: PoolGoal) => pool.start(goal)
  const start = (n: number, targets: readonly Target[] = [TARGET]) =>
    startGoal({
      targets: targets.map((target) => ({ target, source: { kind: 'chosen' } })),
      mode: { kind: 'fixed', perTarget: n },
      max: options.max ?? 10,
      allowPublic: [],
    })
  return { pool, installationId, logs, notices, rateLimits, configDir, until, start, startGoal }
}

function summary(s: PoolSnapshot) {
  return {
    desired: s.desired,
    blocked: s.blocked,
    runners: s.runners.map((r) => `${r.name}:${r.phase}${r.problem ? ` (${r.problem})` : ''}`),
    health: Object.fromEntries(Object.entries(s.health).map(([k, v]) => [k, v.state])),
  }
}

/** Runners that are online and not busy. */
export const idle = (s: PoolSnapshot) => s.runners.filter((r) => r.phase === 'idle')

/** The containers Docker holds for an installation, seen directly through the real socket. */
export async function containersOf(installationId: string): Promise<Dockerode.ContainerInfo[]> {
  const docker = new Dockerode()
  return docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.installation}=${installationId}`] },
  })
}

/** Force-removes whatever an installation left (a failed test must not leak into the next). */
export async function removeAll(installationId: string): Promise<void> {
  const docker = new Dockerode()
  for (const c of await containersOf(installationId))
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => {})
}

/** The registrations GitHub (the emulator) still holds for an installation. */
export function registeredRunners(emulator: Emulator, installationId: string): EmulatorRunner[] {
  const prefix = runnerNamePrefix(installationId)
  return emulator.runners().filter((r) => r.registered && r.name.startsWith(prefix))
}
