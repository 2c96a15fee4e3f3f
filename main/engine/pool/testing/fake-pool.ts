// Builds the real Pool on the in-memory fakes (test code), with short timings, plus the moves a
// test makes on the fake world: a runner takes a job, finishes it, exits.
import { systemClock } from '../../../../common/clock'
import type { PoolSnapshot } from '../../../../common/pool-status'
import { SecretRegistry } from '../../../../common/redact'
import { LogStore } from '../../logs/log-store'
import { memoryPendingRegistrations } from '../../cleanup/pending-registrations'
import { Pool } from '../pool'
import {
  resolvePoolConfig,
  type PoolGoal,
  type PoolSettings,
  type PoolTiming,
} from '../pool-config'
import type { Target } from '../../../../common/target'
import type { PoolNotice } from '../pool-types'
import type { RunnerAttachments } from '../runner-attachments'
import { FakeDocker, stamp } from './fake-docker'
import { FakeGitHub } from './fake-github'

/** The target every fake pool serves unless told otherwise. */
export const APP = { kind: 'repo' as const, owner: 'octo', repo: 'app' }

/** A fixed goal of `n` runners on `targets`. */
export function fixedGoal(n: number, targets: readonly Target[] = [APP], max = 10): PoolGoal {
  return {
    targets: targets.map((target) => ({ target, source: { kind: 'chosen' } })),
    mode: { kind: 'fixed', perTarget: n },
    max,
    allowPublic: [],
  }
}

/** An on-demand goal on `targets`. */
export function demandGoal(
  targets: readonly Target[],
  options: { minIdle?: number; max?: number; idleTimeoutMs?: number } = {},
): PoolGoal {
  return {
    targets: targets.map((target) => ({ target, source: { kind: 'chosen' } })),
    mode: {
      kind: 'on-demand',
      minIdle: options.minIdle ?? 0,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    },
    max: options.max ?? 10,
    allowPublic: [],
  }
}

/** The Pool under test and the fakes it runs on. */
export interface FakePool {
  /** Starts a fixed pool of `n` runners on octo/app. */
  start(n: number): Promise<void>
  readonly pool: Pool
  readonly docker: FakeDocker
  readonly github: FakeGitHub
  readonly logs: LogStore
  readonly notices: PoolNotice[]
  readonly pending: ReturnType<typeof memoryPendingRegistrations>
  until(
    predicate: (s: PoolSnapshot) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<PoolSnapshot>
  /** The runner takes a job: GitHub marks it busy, then it prints "Running job". */
  takeJob(name: string, job?: string): void
  /** The job ends: the completion line, GitHub deletes the ephemeral registration, the container exits. */
  finishJob(
    name: string,
    options?: { result?: string; dieFirst?: boolean; repeatDie?: boolean },
  ): void
}

/** A short-timed pool on fakes. */
export function createFakePool(
  options: {
    timing?: Partial<PoolTiming>
    settings?: Partial<PoolSettings>
    docker?: FakeDocker
    github?: FakeGitHub
    attachments?: RunnerAttachments
  } = {},
): FakePool {
  const docker = options.docker ?? new FakeDocker()
  const github = options.github ?? new FakeGitHub()
  const secrets = new SecretRegistry()
  const logs = new LogStore(secrets.redact)
  const pending = memoryPendingRegistrations()
  const config = resolvePoolConfig(
    {
      installationId: 'abcd1234',
      apiUrl: 'https://api.github.com',
      labels: ['linux'],
      runnerGroup: null,
      image: 'runner:test',
      cpus: null,
      memoryMb: null,
      pidsLimit: null,
      networkMode: 'runnerdock-abcd1234',
      dockerAccess: false,
      caches: false,
      ...options.settings,
    },
    {
      onlineTimeoutMs: 2_000,
      listIntervalMs: 60_000,
      deleteRetryMs: 1_000,
      stopGitHubMs: 300,
      logDrainMs: 500,
      prepareRetryMs: 200,
      unregisterRetryMs: 20,
      demandActiveMs: 20,
      demandQuietMs: 20,
      ...options.timing,
    },
  )
  const pool = new Pool(config, {
    docker,
    github,
    logs,
    secrets,
    clock: systemClock,
    pending,
    ...(options.attachments ? { attachments: options.attachments } : {}),
  })
  const notices: PoolNotice[] = []
  pool.on('notice', (n) => notices.push(n))
  const until: FakePool['until'] = (predicate, what, timeoutMs = 3_000) =>
    new Promise((resolve, reject) => {
      const check = (s: PoolSnapshot) => {
        if (!predicate(s)) return false
        off()
        clearTimeout(timer)
        resolve(s)
        return true
      }
      const off = pool.on('snapshot', check)
      const timer = setTimeout(() => {
        off()
        const s = pool.snapshot()
        reject(
          new Error(
            `Timed out waiting for ${what}: ${s.runners.map((r) => `${r.name}:${r.phase}`).join(', ')} blocked=${JSON.stringify(s.blocked)} notices=${notices.map((n) => n.message).join(' | ')}`,
          ),
        )
      }, timeoutMs)
      check(pool.snapshot())
    })
  const containerOf = (name: string) => {
    const c = docker.byName(name)
    if (!c) throw new Error(`no container for ${name}`)
    return c
  }
  return {
    start: (n) => pool.start(fixedGoal(n)),
    pool,
    docker,
    github,
    logs,
    notices,
    pending,
    until,
    takeJob(name, job = 'build') {
      const r = github.byName(name)
      if (r) Object.assign(r, { busy: true, status: 'online' })
      docker.print(containerOf(name).id, stamp(`Running job: ${job}`))
    },
    finishJob(name, { result = 'Succeeded', dieFirst = false, repeatDie = false } = {}) {
      const c = containerOf(name)
      const job = /Running job: (.*)$/.exec(c.lines.map((l) => l.text).join('\n'))?.[1] ?? 'build'
      docker.print(c.id, stamp(`Job ${job} completed with result: ${result}`))
      const r = github.byName(name)
      if (r) github.registrations.delete(r.id)
      docker.exit(c.id, 0, { dieFirst, repeatDie })
    },
  }
}

/** Runners in a phase. */
export const inPhase = (s: PoolSnapshot, ...phases: string[]) =>
  s.runners.filter((r) => phases.includes(r.phase))
