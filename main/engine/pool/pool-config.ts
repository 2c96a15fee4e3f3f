import { createHash } from 'node:crypto'
import type { ScalingMode } from '../../../common/pool-plan'
import { formatTarget, type Target } from '../../../common/target'
import type { PoolTarget } from './target-lane'

/** How every runner of the pool is made; fixed for the pool's life (a change restarts it). */
export interface PoolSettings {
  readonly installationId: string
  readonly apiUrl: string
  /** The user's own labels (the defaults are added from Docker's platform). */
  readonly labels: readonly string[]
  readonly runnerGroup: string | null
  readonly image: string
  readonly cpus: number | null
  readonly memoryMb: number | null
  readonly pidsLimit: number | null
  /** The Docker network runners join (this installation's own unless the user chose one). */
  readonly networkMode: string
  readonly dockerAccess: boolean
  /** Tool and action caches mounted (settings `caches`): they change what a runner sees. */
  readonly caches: boolean
}

/** What the pool aims for; changes while it runs, without a restart. */
export interface PoolGoal {
  readonly targets: readonly PoolTarget[]
  readonly mode: ScalingMode
  /** Runners on this machine at most, all targets together. */
  readonly max: number
  /** Public targets the user allowed (OWNER/REPO or ORG). */
  readonly allowPublic: readonly string[]
}

/** How the pool paces itself. Test and bench knobs; users never see them. */
export interface PoolTiming {
  /** Runners created at once (JIT config + container start). */
  readonly maxParallelCreates: number
  /** A runner not listening this long after its container started has failed. */
  readonly onlineTimeoutMs: number
  /** How often GitHub's runner list is compared with ours (conditional requests: ~30/hour idle). */
  readonly listIntervalMs: number
  /** How long a registration GitHub still holds as busy is retried outside a stop. */
  readonly deleteRetryMs: number
  /** The longest a stop waits on GitHub (the rest is recorded and finished at the next start). */
  readonly stopGitHubMs: number
  /** How long an exited runner's log may take to deliver its backlog before the container goes. */
  readonly logDrainMs: number
  /** How long before the pool checks GitHub, Docker and the image again after one failed. */
  readonly prepareRetryMs: number
  /** A finished runner that has not exited after this counts toward the pool again. */
  readonly finishedGraceMs: number
  /** First delay before retrying a registration delete GitHub did not answer (doubles to 30 s). */
  readonly unregisterRetryMs: number
  /** Runners that ran a job kept in the snapshot's `recent` list. */
  readonly recentLimit: number
  /** Job queue reads: a repository with runs in flight, and a quiet one. */
  readonly demandActiveMs: number
  readonly demandQuietMs: number
  /** How often the registry is asked whether the runner image's tag moved. */
  readonly imageCheckMs: number
}

/** The defaults, in one place. */
export const DEFAULT_TIMING: PoolTiming = {
  maxParallelCreates: 10,
  onlineTimeoutMs: 180_000,
  listIntervalMs: 120_000,
  deleteRetryMs: 60_000,
  stopGitHubMs: 5_000,
  logDrainMs: 10_000,
  prepareRetryMs: 30_000,
  finishedGraceMs: 30_000,
  unregisterRetryMs: 2_000,
  recentLimit: 20,
  demandActiveMs: 5_000,
  demandQuietMs: 60_000,
  imageCheckMs: 60 * 60_000,
}

/** A pool's whole configuration, defaults resolved, and the hash of what shapes its runners. */
export type PoolConfig = PoolSettings & PoolTiming & { readonly settingsHash: string }

/** Resolves the timing defaults once, so no `?? 180_000` hides in the code. */
export function resolvePoolConfig(
  settings: PoolSettings,
  tuning: Partial<PoolTiming> = {},
): PoolConfig {
  const timing = { ...DEFAULT_TIMING }
  for (const [key, value] of Object.entries(tuning) as [keyof PoolTiming, number | undefined][])
    if (value !== undefined) timing[key] = value
  return { ...settings, ...timing, settingsHash: settingsHash(settings) }
}

/**
 * A short hash of everything that shapes a runner container (image, Docker access, caches,
 * network, limits, labels, group): containers carry it, and recovery adopts only those that match, so a
 * runner made with old settings is replaced rather than kept.
 */
export function settingsHash(s: PoolSettings): string {
  const shape = [
    s.image,
    s.dockerAccess,
    s.networkMode,
    s.cpus,
    s.memoryMb,
    s.pidsLimit,
    [...s.labels].map((l) => l.toLowerCase()).sort(),
    s.runnerGroup,
    // Caches on, the default, leaves the hash as it was before the setting existed, so an
    // upgrade adopts running runners instead of killing their jobs.
    ...(s.caches ? [] : ['no-caches']),
  ]
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16)
}

/** Identifies a runner's pool (API host + target) in container labels, so a change is detected. */
export function poolKey(apiUrl: string, target: Target): string {
  return `${new URL(apiUrl).host}/${formatTarget(target)}`
}
