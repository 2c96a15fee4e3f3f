import type { PoolSnapshot, TargetStatus } from '../../../common/pool-status'
import type { CreationGate } from './creation-gate'
import type { HealthBoard } from './health-board'
import type { PoolConfig, PoolGoal } from './pool-config'
import type { PoolDemand } from './pool-demand'
import type { PoolLanes } from './pool-lanes'
import type { PoolDeps } from './pool-types'
import type { RecentRunners } from './recent-runners'
import type { RunnerLife } from './runner-life'
import type { StopControl } from './stop-control'
import type { TargetLane } from './target-lane'

/** The parts of the pool a snapshot is made of. */
export interface SnapshotSource {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly goal: PoolGoal & { readonly running: boolean }
  readonly runners: ReadonlyMap<string, RunnerLife>
  readonly lanes: PoolLanes
  readonly gate: CreationGate
  readonly health: HealthBoard
  readonly demand: PoolDemand
  readonly recent: RecentRunners
  readonly stopControl: StopControl
  readonly preparation: { readonly labels: readonly string[] | null }
}

/**
 * The pool as a UI sees it: plain data, redacted. Runners carry the run page of the job they took
 * once GitHub lists it; every target says what it wants, has and waits for.
 */
export function buildSnapshot(pool: SnapshotSource, version: number): PoolSnapshot {
  const { goal, gate, health, deps } = pool
  const redact = deps.secrets.redact
  const blocked = gate.current()
  const labels = pool.preparation.labels
  const runners = [...pool.runners.values()].map((life) => {
    const view = life.view()
    return { ...view, jobUrl: pool.demand.jobOfRunner(life.name)?.job.htmlUrl ?? null }
  })
  return {
    running: goal.running,
    stopping: pool.stopControl.mode,
    mode: goal.mode.kind,
    targets: pool.lanes
      .all()
      .filter((lane) => !lane.leaving)
      .map((lane) => targetStatus(pool, lane, labels, redact)),
    apiUrl: pool.config.apiUrl,
    desired: goal.mode.kind === 'fixed' ? goal.mode.perTarget : 0,
    minIdle: goal.mode.kind === 'on-demand' ? goal.mode.minIdle : 0,
    maxRunners: goal.max,
    labels: labels ? [...labels] : [],
    runners,
    recent: pool.recent.list(),
    health: health.lines,
    blocked: blocked && { ...blocked, message: redact(blocked.message) },
    imagePull: health.imagePull,
    lastStop: pool.stopControl.lastReport,
    version,
  }
}

function targetStatus(
  pool: SnapshotSource,
  lane: TargetLane,
  labels: readonly string[] | null,
  redact: (text: string) => string,
): TargetStatus {
  const phases = [...pool.runners.values()]
    .filter((r) => r.laneKey === lane.key)
    .map((r) => r.current.phase)
  const count = (...of: string[]) => phases.filter((p) => of.includes(p)).length
  const demand = pool.demand.of(lane.key, labels)
  const blocked = lane.gate.current()
  const { mode } = pool.goal
  const busy = count('busy')
  return {
    target: lane.target,
    source: lane.source.kind,
    reasons: lane.source.kind === 'discovered' ? [...lane.source.reasons] : [],
    visibility: lane.visibility,
    wanted:
      mode.kind === 'fixed' ? mode.perTarget : busy + Math.max(mode.minIdle, demand.queued.length),
    busy,
    idle: count('idle'),
    starting: count('registering', 'creating', 'starting'),
    queued: demand.queued.length,
    oldestQueuedAt: demand.oldestQueuedAt,
    blocked: blocked && { ...blocked, message: redact(blocked.message) },
    problem: demand.problem && redact(demand.problem),
  }
}
