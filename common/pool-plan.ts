import { isLivePhase, type RunnerPhase } from './runner-machine'

/** The facts about one runner that pool decisions depend on. */
export interface PlanRunner {
  readonly name: string
  readonly phase: RunnerPhase
  readonly createdAt: number
  /** When its job's completion line was read (phase `finished`). */
  readonly finishedAt: number | null
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
  readonly now: number
  /**
   * How long a runner that printed its completion line may take to exit before it counts again.
   * A finished runner is replaced at once (the replacement gap); one that keeps running after
   * "completed" may be a job printing the line itself, and must not grow the pool for long.
   */
  readonly finishedGraceMs: number
}

/** What to do now. `retire` removes gracefully (never busy runners); `kill` is stop-now. */
export interface PlanOutput {
  readonly create: number
  readonly retire: readonly string[]
  readonly kill: readonly string[]
}

/**
 * A runner that holds a place in the pool: it is being made, starting, idle or busy, or it said
 * its job finished so long ago that its container should have exited by now.
 */
export function countsTowardPool(r: PlanRunner, now: number, finishedGraceMs: number): boolean {
  if (r.phase === 'finished') return now - (r.finishedAt ?? now) >= finishedGraceMs
  return isLivePhase(r.phase)
}

const CREATING: readonly RunnerPhase[] = ['registering', 'creating']
const RETIRABLE: readonly RunnerPhase[] = ['registering', 'creating', 'starting', 'idle']

// Which surplus runners go first: ones not yet made, then ones still starting, then idle ones;
// newest first within each, so the runners that have proved healthy longest stay.
function retireOrder(a: PlanRunner, b: PlanRunner): number {
  const rank = (r: PlanRunner) => (CREATING.includes(r.phase) ? 0 : r.phase === 'starting' ? 1 : 2)
  return rank(a) - rank(b) || b.createdAt - a.createdAt
}

/**
 * The pool's one decision: how many runners to create and which to remove so the pool converges on
 * the desired size. Busy runners are never chosen: they finish their job and are not replaced.
 */
export function planPool(input: PlanInput): PlanOutput {
  if (input.stopping === 'now') {
    const kill = input.runners
      .filter((r) => r.phase !== 'removing' && r.phase !== 'gone' && r.phase !== 'cancelling')
      .map((r) => r.name)
    return { create: 0, retire: [], kill }
  }
  const desired = input.stopping === 'drain' ? 0 : Math.max(0, input.desired)
  const live = input.runners.filter((r) => countsTowardPool(r, input.now, input.finishedGraceMs))
  const surplus = live.length - desired
  if (surplus > 0) {
    const retire = live
      .filter((r) => RETIRABLE.includes(r.phase))
      .sort(retireOrder)
      .slice(0, surplus)
      .map((r) => r.name)
    return { create: 0, retire, kill: [] }
  }
  if (surplus < 0 && input.canCreate) {
    const creating = input.runners.filter((r) => CREATING.includes(r.phase)).length
    const room = Math.max(0, input.maxParallelCreates - creating)
    return { create: Math.min(-surplus, room), retire: [], kill: [] }
  }
  return { create: 0, retire: [], kill: [] }
}

/**
 * Delay before the next creation after `failures` consecutive runner failures: 2 s doubling to
 * 5 min, so a target whose runners keep failing does not mint JIT configs in a loop
 * (docs/github-facts.md, rate limits).
 */
export function backoffMs(failures: number, baseMs = 2000, maxMs = 300_000): number {
  if (failures <= 0) return 0
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20))
}
