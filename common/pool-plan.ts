import type { Activity, ContainerState } from './pool-status'

/** The facts about one runner that pool decisions depend on. */
export interface PlanRunner {
  readonly name: string
  readonly container: ContainerState
  readonly activity: Activity['kind']
  readonly retiring: boolean
  readonly createdAt: number
}

/** Everything `planPool` looks at: plain values, so every decision is testable without Docker. */
export interface PlanInput {
  readonly desired: number
  readonly stopping: 'no' | 'drain' | 'now'
  readonly runners: readonly PlanRunner[]
  /** False while creation is on hold (Docker down, token invalid, backing off...). */
  readonly canCreate: boolean
  /** Bound on runners being created at once (JIT config + container start). */
  readonly maxParallelCreates: number
}

/** What to do now. `retire` removes gracefully (never busy runners); `kill` is stop-now. */
export interface PlanOutput {
  readonly create: number
  readonly retire: readonly string[]
  readonly kill: readonly string[]
}

/**
 * A runner that counts toward the pool: its container exists or is being made, it is not being
 * removed, and it has not finished its one job (a finished runner is about to exit).
 */
export function countsTowardPool(r: PlanRunner): boolean {
  return (
    (r.container === 'creating' || r.container === 'running') &&
    !r.retiring &&
    r.activity !== 'finished' &&
    r.activity !== 'stopped'
  )
}

// Which surplus runners go first: ones still starting (not yet useful), then idle ones; newest
// first within each, so the runners that have proved healthy longest stay.
function retireOrder(a: PlanRunner, b: PlanRunner): number {
  const rank = (r: PlanRunner) => (r.activity === 'starting' ? 0 : 1)
  return rank(a) - rank(b) || b.createdAt - a.createdAt
}

/**
 * The pool's one decision: how many runners to create and which to remove so the pool converges on
 * the desired size. Busy runners are never chosen: they finish their job and are not replaced.
 */
export function planPool(input: PlanInput): PlanOutput {
  if (input.stopping === 'now') {
    const kill = input.runners
      .filter(
        (r) => r.container === 'creating' || r.container === 'running' || r.container === 'exited',
      )
      .map((r) => r.name)
    return { create: 0, retire: [], kill }
  }
  const desired = input.stopping === 'drain' ? 0 : Math.max(0, input.desired)
  const live = input.runners.filter(countsTowardPool)
  const surplus = live.length - desired
  if (surplus > 0) {
    const retire = live
      .filter((r) => r.container === 'running' && r.activity !== 'busy')
      .sort(retireOrder)
      .slice(0, surplus)
      .map((r) => r.name)
    return { create: 0, retire, kill: [] }
  }
  if (surplus < 0 && input.canCreate) {
    const creating = live.filter((r) => r.container === 'creating').length
    const room = Math.max(0, input.maxParallelCreates - creating)
    return { create: Math.min(-surplus, room), retire: [], kill: [] }
  }
  return { create: 0, retire: [], kill: [] }
}

/**
 * Delay before the next creation after `failures` consecutive runner failures: 2 s doubling to
 * 5 min, so a target whose runners keep failing does not mint JIT configs in a loop (docs/github-facts.md, rate limits).
 */
export function backoffMs(failures: number, baseMs = 2000, maxMs = 300_000): number {
  if (failures <= 0) return 0
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20))
}
