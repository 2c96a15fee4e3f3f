import { randomBytes } from 'node:crypto'
import { DisposableStore } from '../../../common/disposables'
import { Emitter } from '../../../common/emitter'
import { planPool, type PlanRunner } from '../../../common/pool-plan'
import type { PoolSnapshot } from '../../../common/pool-status'
import { newRunnerState } from '../../../common/runner-machine'
import type { StopReport } from '../../../common/stop-report'
import type { GitHubFailure } from '../github/github-failure'
import type { ContainerEvent, ContainerInfo } from '../docker/docker-port'
import type { GitHubPort } from '../github/github-port'
import { ChangeScheduler } from './change-scheduler'
import { CreationGate } from './creation-gate'
import { GitHubDeadlines } from './github-deadlines'
import { HealthBoard } from './health-board'
import type { PoolConfig, PoolGoal } from './pool-config'
import { PoolDemand } from './pool-demand'
import { PoolLanes } from './pool-lanes'
import { PoolPreparation } from './pool-preparation'
import { PoolReactions } from './pool-reactions'
import { buildSnapshot } from './pool-snapshot'
import type { PoolDeps, PoolEvents, PoolNotice } from './pool-types'
import { RecentRunners } from './recent-runners'
import { runnerNamePrefix } from './runner-labels'
import { RunnerLife } from './runner-life'
import { checkLeftovers } from './stop-check'
import { StopControl } from './stop-control'
import type { TargetLane } from './target-lane'

/**
 * Keeps every target served: a fixed number of runners each, or as many as their job queues
 * ask for. Each runner's life is its own `RunnerLife` (a pure state machine carried out); each
 * target is a lane with its own holds. This facade runs the one reconcile loop (goal, runners and
 * queues → `planPool` → orders to runners) and owns what they share: the pool-wide holds, health,
 * the stop, and every timer and stream (one disposable store).
 */
export class Pool extends Emitter<PoolEvents> {
  readonly runners = new Map<string, RunnerLife>()
  readonly reactions: PoolReactions = new PoolReactions(this)
  readonly lanes: PoolLanes = new PoolLanes(this.reactions)
  readonly gate: CreationGate
  readonly health = new HealthBoard(() => this.changed())
  readonly deadlines: GitHubDeadlines
  readonly demand: PoolDemand
  readonly recent: RecentRunners
  readonly stopControl = new StopControl()
  disposables = new DisposableStore()
  goal: PoolGoal & { running: boolean } = {
    running: false,
    targets: [],
    mode: { kind: 'fixed', perTarget: 0 },
    max: 0,
    allowPublic: [],
  }
  readonly preparation = new PoolPreparation(this)
  private readonly scheduler: ChangeScheduler

  constructor(
    readonly config: PoolConfig,
    readonly deps: PoolDeps,
  ) {
    super()
    this.gate = new CreationGate(deps.clock)
    this.deadlines = new GitHubDeadlines(
      deps.clock,
      config.deleteRetryMs,
      config.stopGitHubMs,
      () => this.gaveUpOnGitHub(),
    )
    this.recent = new RecentRunners(config.recentLimit)
    this.demand = new PoolDemand(this)
    this.scheduler = new ChangeScheduler(
      deps.clock,
      () => this.emit('snapshot', this.snapshot()),
      () => this.reconcileNow(),
    )
  }

  /** The pool as a UI sees it. */
  snapshot(): PoolSnapshot {
    return buildSnapshot(this, this.scheduler.version)
  }

  /** Whether the pool runs (preparation, sweeps and queue reads stop when it does not). */
  get active(): boolean {
    return this.goal.running
  }

  /** Starts the pool: watch Docker, recover what an earlier run left, then serve the goal. */
  async start(goal: PoolGoal): Promise<void> {
    if (this.disposables.size === 0) this.disposables = new DisposableStore()
    this.goal = { ...goal, running: true }
    this.lanes.set(goal.targets)
    this.changed()
    this.preparation.watch()
    await this.preparation.prepare()
  }

  /**
   * Changes what the pool aims for while it runs: targets (new ones are checked, removed ones
   * drained), mode, minimum and maximum, public allowances. Idle runners a smaller goal does not
   * need are retired; busy ones finish their job.
   */
  setGoal(goal: Partial<PoolGoal>): void {
    const before = this.goal
    this.goal = { ...before, ...goal }
    if (goal.targets) for (const lane of this.lanes.set(goal.targets)) void this.prepareLane(lane)
    if (goal.allowPublic) this.lanes.refreshPublicHolds()
    if (goal.mode || goal.max !== undefined)
      for (const lane of this.lanes.all()) void lane.spares.clear()
    this.demand.follow(this.lanes.all())
    this.changed()
    this.reconcile()
  }

  /** Fixed mode's runners per target (the slider). */
  setDesired(count: number): void {
    this.setGoal({ mode: { kind: 'fixed', perTarget: Math.max(0, Math.floor(count)) } })
  }

  /**
   * Stops the pool. `drain` retires idle runners and lets busy ones finish their job; `now` kills
   * every runner. Containers are removed; registrations are deleted while GitHub answers within
   * the stop's bound, and the rest are recorded for the next start. The report says what is left.
   */
  stop(mode: 'drain' | 'now'): Promise<StopReport> {
    if (!this.goal.running && this.runners.size === 0 && this.stopControl.mode === 'no')
      return Promise.resolve(this.stopControl.lastOr(this.deps.clock.now()))
    const { promise, changed } = this.stopControl.request(mode)
    if (!changed) return promise
    // Stop now ends within a few seconds whatever is pending (a second Ctrl-C, Quit now).
    this.deadlines.stop(mode === 'now' ? Math.min(2_000, this.config.stopGitHubMs) : undefined)
    for (const lane of this.lanes.all()) void lane.spares.clear()
    this.note(
      'info',
      null,
      mode === 'now'
        ? 'Stopping now: removing every runner.'
        : 'Stopping: idle runners are removed, busy ones finish their job first.',
    )
    // A drain never waits on GitHub past the bound: runners it could not unregister are removed.
    this.disposables.timeout(this.deps.clock, this.config.stopGitHubMs, () => this.killRetiring())
    this.changed()
    this.reconcile()
    return promise
  }

  /** A stop gave up on GitHub: runners still waiting for it are removed now. */
  private gaveUpOnGitHub(): void {
    this.note(
      'warn',
      null,
      'GitHub does not answer: removing the runners now; their registrations are deleted the next time RunnerDock starts.',
    )
    this.killRetiring()
  }

  private killRetiring(): void {
    for (const life of this.runners.values())
      if (life.current.phase === 'retiring') life.send({ kind: 'kill' })
  }

  /** Clears holds a user may have fixed (token, image, target) and tries again at once. */
  async retry(): Promise<void> {
    this.gate.clearUserFixable()
    for (const lane of this.lanes.all()) lane.gate.clearUserFixable()
    this.changed()
    await this.preparation.prepare()
  }

  /** Swaps in a GitHub adapter with a new token (the old one was revoked) and tries again. */
  async useGitHub(github: GitHubPort): Promise<void> {
    this.deps.github = github
    await this.retry()
  }

  /** Stops timers and streams without touching containers (tests and process exit). */
  dispose(): void {
    this.demand.stop()
    this.disposables.dispose()
    this.deadlines.dispose()
  }

  /** Checks a lane with GitHub (group, visibility), then lets it grow. */
  async prepareLane(lane: TargetLane): Promise<void> {
    if (await this.lanes.prepare(lane)) {
      await this.demand.learnOrg(lane)
      this.demand.follow(this.lanes.all())
    }
  }

  // ---- the reconcile loop ---------------------------------------------------------------------

  /** Queues one reconcile pass for the end of this turn (many triggers, one decision). */
  reconcile(): void {
    this.scheduler.reconcile()
  }

  private reconcileNow(): void {
    const { clock } = this.deps
    const now = clock.now()
    const stopping = this.stopControl.mode
    const poolOpen =
      this.goal.running && stopping === 'no' && this.preparation.ready && this.gate.canCreate()
    const labels = this.preparation.labels
    const lanes = this.lanes.all()
    const plans = planPool({
      mode: this.goal.mode,
      max: this.goal.max,
      stopping: this.goal.running ? stopping : 'drain',
      targets: lanes.map((lane) => ({
        key: lane.key,
        canCreate: poolOpen && lane.canCreate(),
        runners: this.runnersOf(lane),
        queued: lane.leaving ? [] : this.demand.of(lane.key, labels).queued,
      })),
      maxParallelCreates: this.config.maxParallelCreates,
      now,
      finishedGraceMs: this.config.finishedGraceMs,
    })
    for (const lane of lanes) {
      const plan = plans.get(lane.key)!
      const wanted = lane.leaving ? 0 : plan.wanted
      for (let i = 0; i < plan.create; i++) this.createRunner(lane)
      for (const name of lane.leaving ? this.retirable(lane) : plan.retire)
        this.runners.get(name)?.send({ kind: 'retire' })
      for (const name of plan.kill) this.runners.get(name)?.send({ kind: 'kill' })
      if (lane.leaving && this.runnersOf(lane).length === 0) this.lanes.forget(lane)
      if (wanted === 0) void lane.spares.clear()
    }
    const holds = [this.gate, ...lanes.map((lane) => lane.gate)].map((g) => g.nextChangeAt())
    for (const wake of [...holds, this.reactions.nextWake(now)])
      if (wake !== null) this.scheduler.reconcileAt(wake, this.disposables)
    if (stopping !== 'no' && this.runners.size === 0) void this.finishStop()
  }

  /** The plan's view of a lane's runners. */
  runnersOf(lane: TargetLane): PlanRunner[] {
    return [...this.runners]
      .filter(([, life]) => life.laneKey === lane.key)
      .map(([name, life]) => ({
        name,
        phase: life.current.phase,
        createdAt: life.current.createdAt,
        idleSince: life.current.phase === 'idle' ? life.current.since : null,
        finishedAt: life.current.job?.finishedAt ?? null,
      }))
  }

  private retirable(lane: TargetLane): string[] {
    return this.runnersOf(lane)
      .filter((r) => ['registering', 'creating', 'starting', 'idle'].includes(r.phase))
      .map((r) => r.name)
  }

  private createRunner(lane: TargetLane): void {
    const spare = lane.spares.take()
    const name = spare?.name ?? this.newName()
    const life = new RunnerLife(
      name,
      lane.target,
      newRunnerState(this.deps.clock.now()),
      this.reactions,
    )
    this.runners.set(name, life)
    life.begin(spare)
    this.changed()
  }

  private async finishStop(): Promise<void> {
    if (!this.stopControl.beginFinish()) return
    this.goal = { ...this.goal, running: false }
    this.demand.stop()
    await Promise.all(this.lanes.all().map((lane) => lane.spares.clear()))
    const report = await checkLeftovers(this)
    this.disposables.dispose()
    this.changed()
    this.stopControl.settle(report)
  }

  // ---- what recovery and preparation ask of the pool ------------------------------------------

  /** A GitHub failure, for a target or the whole pool. */
  gitHubFailed(failure: GitHubFailure, lane: TargetLane | null = null): void {
    this.reactions.gitHubFailed(failure, lane, null)
  }

  /** A Docker event for one of our containers. */
  dockerEvent(event: ContainerEvent): void {
    this.reactions.dockerEvent(event)
  }

  /** Adopts a running container an earlier session left, if it serves one of our targets. */
  adopt(info: ContainerInfo): boolean {
    return this.reactions.adopt(info)
  }

  /** Names of spare registrations (the sweep must not take them for stale ones). */
  spareNames(): ReadonlySet<string> {
    return new Set(this.lanes.all().flatMap((lane) => [...lane.spares.names()]))
  }

  /** Tells the user something (CLI line, notification). */
  note(level: PoolNotice['level'], runner: string | null, message: string): void {
    const text = this.deps.secrets.redact(message)
    this.emit('notice', { time: this.deps.clock.now(), level, runner, message: text })
  }

  /** Coalesces changes into one snapshot event per turn. */
  changed(): void {
    this.scheduler.changed()
  }

  /** A fresh runner name with this installation's prefix. */
  newName(): string {
    return `${runnerNamePrefix(this.config.installationId)}${randomBytes(4).toString('hex')}`
  }
}
