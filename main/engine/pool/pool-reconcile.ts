import type { DisposableStore } from '../../../common/disposables'
import { planPool, type PlanRunner } from '../../../common/pool-plan'
import { newRunnerState } from '../../../common/runner-machine'
import type { ChangeScheduler } from './change-scheduler'
import type { CreationGate } from './creation-gate'
import type { PoolConfig, PoolGoal } from './pool-config'
import type { PoolDemand } from './pool-demand'
import type { PoolLanes } from './pool-lanes'
import type { PoolReactions } from './pool-reactions'
import type { PoolDeps } from './pool-types'
import { RunnerLife } from './runner-life'
import type { StopControl } from './stop-control'
import type { TargetLane } from './target-lane'

/** What one reconcile pass reads and acts on. */
export interface ReconcileHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly goal: PoolGoal & { readonly running: boolean }
  readonly runners: Map<string, RunnerLife>
  readonly lanes: PoolLanes
  readonly gate: CreationGate
  readonly demand: PoolDemand
  readonly reactions: PoolReactions
  readonly stopControl: StopControl
  readonly preparation: { readonly ready: boolean; readonly labels: readonly string[] | null }
  readonly disposables: DisposableStore
  readonly scheduler: ChangeScheduler
  newName(): string
  changed(): void
  finishStop(): Promise<void>
}

const RETIRABLE = ['registering', 'creating', 'starting', 'idle']

/** The plan's view of a lane's runners. */
export function runnersOf(host: Pick<ReconcileHost, 'runners'>, lane: TargetLane): PlanRunner[] {
  return [...host.runners]
    .filter(([, life]) => life.laneKey === lane.key)
    .map(([name, life]) => ({
      name,
      phase: life.current.phase,
      createdAt: life.current.createdAt,
      idleSince: life.current.phase === 'idle' ? life.current.since : null,
      finishedAt: life.current.job?.finishedAt ?? null,
    }))
}

/**
 * The pool's one decision, carried out: the goal, the runners and the queues go into `planPool`;
 * its orders go to the lanes' runners (create, retire, kill). A lane the user removed has its
 * runners retired and goes once empty. The next pass is set for the moment a hold or an idle
 * timeout ends; an empty stopping pool finishes its stop.
 */
export function reconcilePool(host: ReconcileHost): void {
  const now = host.deps.clock.now()
  const stopping = host.stopControl.mode
  const poolOpen =
    host.goal.running && stopping === 'no' && host.preparation.ready && host.gate.canCreate()
  const lanes = host.lanes.all()
  const plans = planPool({
    mode: host.goal.mode,
    max: host.goal.max,
    stopping: host.goal.running ? stopping : 'drain',
    targets: lanes.map((lane) => ({
      key: lane.key,
      canCreate: poolOpen && lane.canCreate(),
      runners: runnersOf(host, lane),
      queued: lane.leaving ? [] : host.demand.of(lane.key, host.preparation.labels).queued,
    })),
    maxParallelCreates: host.config.maxParallelCreates,
    now,
    finishedGraceMs: host.config.finishedGraceMs,
  })
  for (const lane of lanes) {
    const plan = plans.get(lane.key)!
    for (let i = 0; i < plan.create; i++) createRunner(host, lane)
    const retire = lane.leaving
      ? runnersOf(host, lane)
          .filter((r) => RETIRABLE.includes(r.phase))
          .map((r) => r.name)
      : plan.retire
    for (const name of retire) host.runners.get(name)?.send({ kind: 'retire' })
    for (const name of plan.kill) host.runners.get(name)?.send({ kind: 'kill' })
    if (lane.leaving && runnersOf(host, lane).length === 0) host.lanes.forget(lane)
    if (lane.leaving || plan.wanted === 0) void lane.spares.clear()
    else void lane.spares.trim(sparesWanted(host, lane))
  }
  const holds = [host.gate, ...lanes.map((lane) => lane.gate)].map((g) => g.nextChangeAt())
  for (const wake of [...holds, nextWake(host, now)])
    if (wake !== null) host.scheduler.reconcileAt(wake, host.disposables)
  if (stopping !== 'no' && host.runners.size === 0) void host.finishStop()
}

/**
 * A lane's spares are successors (fixed pools only): one per busy runner, and one per finished
 * runner whose successor could not be made yet (a hold, the creation limit).
 */
function sparesWanted(host: ReconcileHost, lane: TargetLane): number {
  const { mode } = host.goal
  if (mode.kind !== 'fixed') return 0
  const waiting = runnersOf(host, lane).filter(
    (r) => r.phase === 'busy' || r.phase === 'finished',
  ).length
  return Math.min(waiting, mode.perTarget)
}

function createRunner(host: ReconcileHost, lane: TargetLane): void {
  const spare = lane.spares.take()
  const claim = spare ? null : lane.spares.claim()
  const name = spare?.name ?? claim?.name ?? host.newName()
  const state = newRunnerState(host.deps.clock.now())
  const life = new RunnerLife(name, lane.target, state, host.reactions)
  host.runners.set(name, life)
  life.begin(spare ?? claim?.spare ?? null)
  host.changed()
}

/**
 * When the plan may change by itself: a finished runner that overstays its grace counts again,
 * and (on demand) an idle runner's timeout ends.
 */
export function nextWake(
  host: Pick<ReconcileHost, 'config' | 'goal' | 'runners'>,
  now: number,
): number | null {
  const { config, goal } = host
  const times: number[] = []
  for (const life of host.runners.values()) {
    const s = life.current
    if (s.phase === 'finished' && s.job?.finishedAt != null)
      times.push(s.job.finishedAt + config.finishedGraceMs)
    if (s.phase === 'idle' && goal.mode.kind === 'on-demand')
      times.push(s.since + goal.mode.idleTimeoutMs)
  }
  const future = times.filter((t) => t > now)
  return future.length > 0 ? Math.min(...future) : null
}
