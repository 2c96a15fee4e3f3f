import { randomBytes } from 'node:crypto'
import { DisposableStore } from '../../../common/disposables'
import { Emitter } from '../../../common/emitter'
import type { PoolSnapshot } from '../../../common/pool-status'
import type { JobRecord } from '../../../common/job-record'
import type { StopReport } from '../../../common/stop-report'
import type { GitHubFailure } from '../github/github-failure'
import type { ContainerEvent, ContainerInfo, DockerFailure } from '../docker/docker-port'
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
import type { RunnerLife } from './runner-life'
import { reconcilePool } from './pool-reconcile'
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
  readonly scheduler: ChangeScheduler

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
      () => this.reactions.gaveUpOnGitHub(),
    )
    this.recent = new RecentRunners(config.recentLimit)
    this.demand = new PoolDemand(this)
    this.scheduler = new ChangeScheduler(
      deps.clock,
      () => this.emit('snapshot', this.snapshot()),
      () => reconcilePool(this),
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
    this.disposables.timeout(this.deps.clock, this.config.stopGitHubMs, () =>
      this.reactions.killRetiring(),
    )
    this.changed()
    this.reconcile()
    return promise
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

  /** The last runner is gone: ask Docker and GitHub what is left, then end the stop. */
  async finishStop(): Promise<void> {
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

  /** A job ran here and is over. */
  jobFinished(record: JobRecord): void {
    this.emit('job', record)
  }

  /** A Docker call failed. */
  dockerErrored(kind: DockerFailure['kind']): void {
    this.emit('dockerError', kind)
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
