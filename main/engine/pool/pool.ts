import { randomBytes } from 'node:crypto'
import { DisposableStore } from '../../../common/disposables'
import { Emitter } from '../../../common/emitter'
import { planPool } from '../../../common/pool-plan'
import type { PoolSnapshot } from '../../../common/pool-status'
import type { Result } from '../../../common/result'
import {
  adoptedRunnerState,
  newRunnerState,
  type RunnerEffect,
} from '../../../common/runner-machine'
import type { StopReport } from '../../../common/stop-report'
import { formatTarget, type Target } from '../../../common/target'
import type { ContainerEvent, ContainerInfo, DockerFailure } from '../docker/docker-port'
import type { GitHubFailure } from '../github/github-failure'
import type { GitHubPort, JitRunner } from '../github/github-port'
import { ChangeScheduler } from './change-scheduler'
import { CreationGate } from './creation-gate'
import { GitHubDeadlines } from './github-deadlines'
import { HealthBoard } from './health-board'
import type { PoolConfig } from './pool-config'
import { gitHubFailureEffect, okCheck, problemCheck } from './pool-health'
import { PoolPreparation } from './pool-preparation'
import { SpareRegistrations } from './pool-spares'
import type { PoolDeps, PoolEvents, PoolNotice } from './pool-types'
import { RecentRunners } from './recent-runners'
import { LABELS, runnerLabels, runnerNamePrefix } from './runner-labels'
import { RunnerLife } from './runner-life'
import { runnerNotice } from './runner-notices'
import { checkLeftovers } from './stop-check'
import { StopControl } from './stop-control'

/**
 * Keeps `desired` fresh runner containers registered and listening. Each runner's life is its own
 * `RunnerLife` (a pure state machine carried out); this facade runs the one reconcile loop
 * (desired state and facts → `planPool` → orders to runners) and owns what runners share: the
 * creation gate, health, spares, the stop, and every timer and stream (one disposable store).
 */
export class Pool extends Emitter<PoolEvents> {
  readonly runners = new Map<string, RunnerLife>()
  readonly gate: CreationGate
  readonly health = new HealthBoard(() => this.changed())
  readonly deadlines: GitHubDeadlines
  readonly spares: SpareRegistrations
  disposables = new DisposableStore()
  private readonly recent: RecentRunners
  private readonly preparation = new PoolPreparation(this)
  private readonly scheduler: ChangeScheduler
  private readonly stopControl = new StopControl()
  private goal = { running: false, desired: 0 }
  private lastStop: StopReport | null = null

  constructor(
    readonly config: PoolConfig,
    readonly deps: PoolDeps,
  ) {
    super()
    this.gate = new CreationGate(deps.clock)
    this.deadlines = new GitHubDeadlines(deps.clock, config.deleteRetryMs, config.stopGitHubMs)
    this.recent = new RecentRunners(config.recentLimit)
    this.scheduler = new ChangeScheduler(
      deps.clock,
      () => this.emit('snapshot', this.snapshot()),
      () => this.reconcileNow(),
    )
    this.spares = new SpareRegistrations(
      () => this.newName(),
      (name) => this.register(name, config.target),
      (spare) => this.discardSpare(spare),
    )
  }

  /** The pool as a UI sees it. */
  snapshot(): PoolSnapshot {
    const { config, gate, health } = this
    const blocked = gate.current()
    return {
      running: this.goal.running,
      stopping: this.stopControl.mode,
      target: config.target,
      apiUrl: config.apiUrl,
      desired: this.goal.desired,
      maxRunners: config.maxRunners,
      runners: [...this.runners.values()].map((r) => r.view()),
      recent: this.recent.list(),
      health: health.lines,
      blocked: blocked && { ...blocked, message: this.deps.secrets.redact(blocked.message) },
      imagePull: health.imagePull,
      lastStop: this.lastStop,
      version: this.scheduler.version,
    }
  }

  /** Whether the pool runs (preparation and sweeps stop when it does not). */
  get active(): boolean {
    return this.goal.running
  }

  /** Sets the pool size; applied at once (creations start, idle runners are retired). */
  setDesired(count: number): void {
    const before = this.goal.desired
    this.goal.desired = Math.max(0, Math.min(this.config.maxRunners, Math.floor(count)))
    if (this.goal.desired < before) void this.spares.clear()
    this.changed()
    this.reconcile()
  }

  /** Starts the pool: watch Docker, recover what an earlier run left, then fill to `desired`. */
  async start(desired: number): Promise<void> {
    if (this.disposables.size === 0) this.disposables = new DisposableStore()
    this.goal = { running: true, desired: 0 }
    this.setDesired(desired)
    this.preparation.watch()
    await this.preparation.prepare()
  }

  /**
   * Stops the pool. `drain` retires idle runners and lets busy ones finish their job; `now` kills
   * every runner. Containers are removed; registrations are deleted while GitHub answers within
   * the stop's bound, and the rest are recorded for the next start. The report says what is left.
   */
  stop(mode: 'drain' | 'now'): Promise<StopReport> {
    if (!this.goal.running && this.runners.size === 0 && this.stopControl.mode === 'no')
      return Promise.resolve(this.lastStop ?? this.nothingMade())
    const { promise, changed } = this.stopControl.request(mode)
    if (!changed) return promise
    this.deadlines.stop()
    void this.spares.clear()
    this.note(
      'info',
      null,
      mode === 'now'
        ? 'Stopping now: removing every runner.'
        : 'Stopping: idle runners are removed, busy ones finish their job first.',
    )
    // A drain never waits on GitHub past the bound: runners it could not unregister are removed.
    this.disposables.timeout(this.deps.clock, this.config.stopGitHubMs, () => {
      for (const life of this.runners.values())
        if (life.current.phase === 'retiring') life.send({ kind: 'kill' })
    })
    this.changed()
    this.reconcile()
    return promise
  }

  /** Clears blocks a user may have fixed (token, image, target) and tries again at once. */
  async retry(): Promise<void> {
    this.gate.clearUserFixable()
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
    this.disposables.dispose()
    this.deadlines.dispose()
  }

  // ---- the reconcile loop ---------------------------------------------------------------------

  /** Queues one reconcile pass for the end of this turn (many triggers, one decision). */
  reconcile(): void {
    this.scheduler.reconcile()
  }

  private reconcileNow(): void {
    const { clock } = this.deps
    const stopping = this.stopControl.mode
    const canCreate =
      this.goal.running &&
      stopping === 'no' &&
      this.preparation.groupId !== null &&
      this.gate.canCreate()
    const plan = planPool({
      desired: this.goal.running ? this.goal.desired : 0,
      stopping,
      runners: [...this.runners].map(([name, life]) => ({
        name,
        phase: life.current.phase,
        createdAt: life.current.createdAt,
        finishedAt: life.current.job?.finishedAt ?? null,
      })),
      canCreate,
      maxParallelCreates: this.config.maxParallelCreates,
      now: clock.now(),
      finishedGraceMs: this.config.finishedGraceMs,
    })
    for (let i = 0; i < plan.create; i++) this.createRunner()
    for (const name of plan.retire) this.runners.get(name)?.send({ kind: 'retire' })
    for (const name of plan.kill) this.runners.get(name)?.send({ kind: 'kill' })
    for (const wake of [this.gate.nextChangeAt(), this.graceEnds()])
      if (wake !== null) this.scheduler.reconcileAt(wake, this.disposables)
    if (stopping !== 'no' && this.runners.size === 0) void this.finishStop()
  }

  private createRunner(): void {
    const spare = this.spares.take()
    const name = spare?.name ?? this.newName()
    const life = new RunnerLife(
      name,
      this.config.target,
      newRunnerState(this.deps.clock.now()),
      this,
    )
    this.runners.set(name, life)
    life.begin(spare)
    this.changed()
  }

  /** When the next finished-but-running runner's grace ends (it then counts again). */
  private graceEnds(): number | null {
    const now = this.deps.clock.now()
    const ends = [...this.runners.values()]
      .map((r) => (r.current.job?.finishedAt ?? -Infinity) + this.config.finishedGraceMs)
      .filter((at) => at > now)
    return ends.length > 0 ? Math.min(...ends) : null
  }

  private async finishStop(): Promise<void> {
    if (!this.stopControl.beginFinish()) return
    this.goal.running = false
    await this.spares.clear()
    const report = await checkLeftovers(this)
    this.lastStop = report
    this.disposables.dispose()
    this.changed()
    this.stopControl.settle(report)
  }

  // ---- what runners and recovery ask of the pool ----------------------------------------------

  /** Mints a runner's one-time JIT config (its registration on GitHub). */
  async register(name: string, target: Target): Promise<Result<JitRunner, GitHubFailure>> {
    const jit = await this.deps.github.createJitRunner(target, {
      name,
      groupId: this.preparation.groupId ?? 1,
      labels: runnerLabels(this.config),
    })
    if (!jit.ok) return jit
    this.deps.secrets.add(jit.value.encodedJitConfig)
    const now = this.deps.clock.now()
    this.health.set('github', okCheck(`Reached ${this.config.apiUrl}`, now))
    if (this.health.lines.token.state !== 'ok')
      this.health.set('token', okCheck(`May register runners on ${formatTarget(target)}`, now))
    return jit
  }

  /** Acts on what a runner reports: health, backoff, spares, notices, and forgetting it. */
  report(life: RunnerLife, effect: RunnerEffect): void {
    if (effect.kind === 'came-online') this.gate.success()
    if (effect.kind === 'took-job' && this.stopControl.mode === 'no' && this.gate.canCreate()) {
      const busy = [...this.runners.values()].filter((r) => r.current.phase === 'busy').length
      this.spares.fill(Math.min(busy, this.goal.desired))
    }
    if (effect.kind === 'failed') this.gate.failure(`Runner ${life.name} failed: ${effect.message}`)
    if (effect.kind === 'gone') {
      this.runners.delete(life.name)
      this.recent.add(life.view(this.deps.clock.now()))
      const { runnerId, leftover } = life.current
      if (leftover?.registration && runnerId !== null)
        void this.deps.pending.add([
          {
            apiUrl: this.config.apiUrl,
            target: life.target,
            runnerId,
            name: life.name,
            since: this.deps.clock.now(),
          },
        ])
    }
    const notice = runnerNotice(effect, life.name)
    if (notice) this.note(notice.level, life.name, notice.message)
    this.changed()
    this.reconcile()
  }

  /** Turns a GitHub failure into health, blocks and backoff (decided by gitHubFailureEffect). */
  gitHubFailed(failure: GitHubFailure, runner: string | null): void {
    const effect = gitHubFailureEffect(failure.kind, formatTarget(this.config.target))
    const now = this.deps.clock.now()
    if (effect.check)
      this.health.set(effect.check.key, problemCheck(effect.check.summary, failure.message, now))
    if (effect.block) {
      const until = effect.block.forMs === null ? null : now + effect.block.forMs
      this.gate.block(effect.block.reason, failure.message, until)
    }
    if (effect.backoff) this.gate.failure(failure.message)
    if (runner) this.note('error', runner, failure.message)
    this.changed()
  }

  /** Docker away holds creation; any other Docker failure counts toward backoff. */
  dockerFailed(failure: DockerFailure, _runner: string): void {
    if (failure.kind === 'unreachable' || failure.kind === 'timeout')
      this.preparation.dockerDown(failure)
    else this.gate.failure(failure.message)
  }

  /** A Docker event for one of our containers. */
  dockerEvent(event: ContainerEvent): void {
    const name = event.labels[LABELS.runner]
    const life = name ? this.runners.get(name) : undefined
    if (!life || life.current.containerId !== event.id) return
    if (event.action === 'die' || event.action === 'destroy')
      life.send({ kind: 'exited', exitCode: event.exitCode })
    else if (event.action === 'oom')
      this.note(
        'warn',
        life.name,
        'The container ran out of memory. Raise the memory limit in Settings.',
      )
  }

  /** Adopts a running container an earlier session left (recovery). */
  adopt(info: ContainerInfo): void {
    const name = info.labels[LABELS.runner]!
    const id = Number(info.labels[LABELS.runnerId])
    const runnerId = Number.isInteger(id) && id > 0 ? id : null
    const state = adoptedRunnerState(this.deps.clock.now(), info.createdAt, runnerId, info.id)
    const life = new RunnerLife(name, this.config.target, state, this)
    this.runners.set(name, life)
    this.note('info', name, 'Adopted a runner left running by an earlier session.')
    life.follow()
    this.changed()
  }

  /** Names of spare registrations (the sweep must not take them for stale ones). */
  spareNames(): ReadonlySet<string> {
    return this.spares.names()
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

  private newName(): string {
    return `${runnerNamePrefix(this.config.installationId)}${randomBytes(4).toString('hex')}`
  }

  private async discardSpare(spare: JitRunner): Promise<void> {
    const { target, apiUrl } = this.config
    const deleted = await this.deadlines.run((signal) =>
      this.deps.github.deleteRunner(target, spare.runnerId, { signal }),
    )
    this.deps.secrets.delete(spare.encodedJitConfig)
    if (!deleted.ok)
      await this.deps.pending.add([
        {
          apiUrl,
          target,
          runnerId: spare.runnerId,
          name: spare.name,
          since: this.deps.clock.now(),
        },
      ])
  }

  private nothingMade(): StopReport {
    const at = this.deps.clock.now()
    return {
      at,
      containersLeft: [],
      registrationsLeft: [],
      dockerChecked: true,
      githubChecked: true,
    }
  }
}
