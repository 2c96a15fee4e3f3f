import { isLivePhase, type RunnerPhase } from './runner-machine'

/** The facts about one runner that pool decisions depend on. */
export interface PlanRunner {
  readonly name: string
  readonly phase: RunnerPhase
  readonly createdAt: number
  /** When it began waiting for a job (phase `idle`). */
  readonly idleSince: number | null
  /** When its job's completion line was read (phase `finished`). */
  readonly finishedAt: number | null
}

/** One target's part of the decision. */
export interface TargetPlanInput {
  readonly key: string
  /** False while this target may not get new runners (its own hold, or the pool's). */
  readonly canCreate: boolean
  readonly runners: readonly PlanRunner[]
  /** On demand: when each matching job that waits for a runner was queued. */
  readonly queued: readonly number[]
}

/** How the pool is sized. */
export type ScalingMode =
  | { readonly kind: 'fixed'; readonly perTarget: number }
  | { readonly kind: 'on-demand'; readonly minIdle: number; readonly idleTimeoutMs: number }

/** Everything `planPool` looks at: plain values, so every decision is testable without Docker. */
export interface PlanInput {
  readonly mode: ScalingMode
  /** Runners on this machine at most, all targets together. */
  readonly max: number
  readonly stopping: 'no' | 'drain' | 'now'
  readonly targets: readonly TargetPlanInput[]
  /** Bound on runners being created at once (JIT config + container start), all targets. */
  readonly maxParallelCreates: number
  readonly now: number
  /**
   * How long a runner that printed its completion line may take to exit before it counts again.
   * A finished runner is replaced at once (the replacement gap); one that keeps running after
   * "completed" may be a job printing the line itself, and must not grow the pool for long.
   */
  readonly finishedGraceMs: number
}

/** What to do for one target. `retire` removes gracefully (never busy runners); `kill` is stop-now. */
export interface TargetPlan {
  /** Runners this target should have (shown to users). */
  readonly wanted: number
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

/** A runner to create, ranked for fair sharing when the machine's maximum is reached. */
interface Unit {
  readonly key: string
  /** When the job it serves was queued (the oldest waiting job goes first); Infinity for none. */
  readonly queuedAt: number
  /**
   * How many runners its target would have before this one: among equals (jobs queued in the
   * same second, as GitHub stamps them, or no job at all) the target with the fewest goes first,
   * pass after pass, not the first by name each time a single place frees up.
   */
  readonly turn: number
}

/**
 * The pool's one decision, for every target: how many runners to create and which to remove.
 * Fixed: `perTarget` each. On demand: the busy ones plus, idle, the larger of the warm minimum
 * and the matching queued jobs; idle runners above that go once idle for `idleTimeoutMs`. All
 * targets together stay within `max`; when it is reached, the oldest waiting job is served first,
 * and among equals the target with the fewest runners. A busy runner is never chosen.
 */
export function planPool(input: PlanInput): ReadonlyMap<string, TargetPlan> {
  const { now, finishedGraceMs, mode } = input
  const plans = new Map<string, TargetPlan>()
  if (input.stopping === 'now') {
    for (const t of input.targets) {
      const kill = t.runners
        .filter((r) => r.phase !== 'removing' && r.phase !== 'gone' && r.phase !== 'cancelling')
        .map((r) => r.name)
      plans.set(t.key, { wanted: 0, create: 0, retire: [], kill })
    }
    return plans
  }
  const units: Unit[] = []
  let total = 0
  let creating = 0
  for (const t of input.targets) {
    const live = t.runners.filter((r) => countsTowardPool(r, now, finishedGraceMs))
    const busy = live.filter((r) => r.phase === 'busy' || r.phase === 'finished').length
    const wanted =
      input.stopping === 'drain'
        ? 0
        : mode.kind === 'fixed'
          ? mode.perTarget
          : busy + Math.max(mode.minIdle, t.queued.length)
    const surplus = live.length - wanted
    let retire: string[] = []
    if (surplus > 0) {
      const candidates =
        mode.kind === 'on-demand' && input.stopping === 'no'
          ? live
              .filter((r) => r.phase === 'idle' && now - (r.idleSince ?? now) >= mode.idleTimeoutMs)
              .sort((a, b) => (a.idleSince ?? 0) - (b.idleSince ?? 0))
          : live.filter((r) => RETIRABLE.includes(r.phase)).sort(retireOrder)
      retire = candidates.slice(0, surplus).map((r) => r.name)
    }
    total += live.length - retire.length
    creating += t.runners.filter((r) => CREATING.includes(r.phase)).length
    plans.set(t.key, { wanted, create: 0, retire, kill: [] })
    if (surplus < 0 && t.canCreate && input.stopping === 'no') {
      const queued = [...t.queued].sort((a, b) => a - b)
      const covered = live.length - busy
      for (let i = 0; i < -surplus; i++)
        units.push({ key: t.key, queuedAt: queued[covered + i] ?? Infinity, turn: live.length + i })
    }
  }
  if (total > input.max) total -= trimToMax(input, plans, total - input.max)
  const slots = Math.max(0, Math.min(input.max - total, input.maxParallelCreates - creating))
  units.sort(
    (a, b) =>
      a.queuedAt - b.queuedAt || a.turn - b.turn || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  for (const unit of units.slice(0, slots)) {
    const plan = plans.get(unit.key)!
    plans.set(unit.key, { ...plan, create: plan.create + 1 })
  }
  return plans
}

/**
 * The maximum was lowered below what runs: retire idle (then starting) runners, one at a time from
 * the target that has the most, until the pool fits. Returns how many were retired.
 */
function trimToMax(input: PlanInput, plans: Map<string, TargetPlan>, over: number): number {
  const { now, finishedGraceMs } = input
  const spare = new Map(
    input.targets.map((t) => {
      const retired = new Set(plans.get(t.key)!.retire)
      const live = t.runners.filter((r) => countsTowardPool(r, now, finishedGraceMs))
      const free = live.filter((r) => RETIRABLE.includes(r.phase) && !retired.has(r.name))
      return [t.key, { live: live.length - retired.size, free: free.sort(retireOrder) }]
    }),
  )
  let trimmed = 0
  while (trimmed < over) {
    const [key, from] =
      [...spare].sort(([, a], [, b]) => b.live - a.live).find(([, s]) => s.free.length > 0) ?? []
    if (!key || !from) break
    const runner = from.free.shift()!
    from.live--
    const plan = plans.get(key)!
    plans.set(key, { ...plan, retire: [...plan.retire, runner.name] })
    trimmed++
  }
  return trimmed
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
