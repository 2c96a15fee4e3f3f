import type { Clock } from '../../../common/clock'
import { formatTarget, type Target } from '../../../common/target'
import type { RepositoryInfo } from '../github/github-port'
import { CreationGate } from './creation-gate'
import type { SpareRegistrations } from './pool-spares'

/** Why a target is in the pool: the user chose it, or discovery found workflows that ask. */
export type TargetSource =
  { readonly kind: 'chosen' } | { readonly kind: 'discovered'; readonly reasons: readonly string[] }

/** A target the pool serves, with where it came from. */
export interface PoolTarget {
  readonly target: Target
  readonly source: TargetSource
}

/** The key a target is known by (GitHub names are case-insensitive). */
export function targetKey(target: Target): string {
  return formatTarget(target).toLowerCase()
}

/**
 * One target's share of the pool: its runner group on GitHub, whether it is public, its own holds
 * (GitHub refused it, it is public and not allowed, its runners keep failing) so that a failing
 * target backs off alone, and the spare registrations of its busy runners' successors.
 */
export class TargetLane {
  readonly key: string
  readonly gate: CreationGate
  groupId: number | null = null
  visibility: RepositoryInfo['visibility'] | null = null
  /** The organization's runner group admits public repositories' jobs. */
  groupAllowsPublic = false
  /** Removed from the pool: its runners are retired, then the lane goes. */
  leaving = false
  preparing = false

  constructor(
    readonly target: Target,
    public source: TargetSource,
    clock: Clock,
    readonly spares: SpareRegistrations,
  ) {
    this.key = targetKey(target)
    this.gate = new CreationGate(clock)
  }

  /** Whether this lane may get runners now (the pool's own holds aside). */
  canCreate(): boolean {
    return !this.leaving && this.groupId !== null && this.gate.canCreate()
  }
}
