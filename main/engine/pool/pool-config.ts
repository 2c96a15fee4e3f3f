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
  readonly networkMode: string | null
  readonly dockerAccess: boolean
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
}

/** A pool's whole configuration, defaults resolved. */
export type PoolConfig = PoolSettings & PoolTiming

/** Resolves the timing defaults once, so no `?? 180_000` hides in the code. */
export function resolvePoolConfig(
  settings: PoolSettings,
  tuning: Partial<PoolTiming> = {},
): PoolConfig {
  const timing = { ...DEFAULT_TIMING }
  for (const [key, value] of Object.entries(tuning) as [keyof PoolTiming, number | undefined][])
    if (value !== undefined) timing[key] = value
  return { ...settings, ...timing }
}

/** Identifies a runner's pool (API host + target) in container labels, so a change is detected. */
export function poolKey(apiUrl: string, target: Target): string {
  return `${new URL(apiUrl).host}/${formatTarget(target)}`
}
