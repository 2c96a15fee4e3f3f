import { adoptedRunnerState, type RunnerEffect } from '../../../common/runner-machine'
import type { DisposableStore } from '../../../common/disposables'
import { err, type Result } from '../../../common/result'
import { formatTarget, parseTarget, type Target } from '../../../common/target'
import type { ContainerEvent, ContainerInfo, DockerFailure } from '../docker/docker-port'
import type { GitHubFailure } from '../github/github-failure'
import type { JitRunner } from '../github/github-port'
import type { CreationGate } from './creation-gate'
import type { GitHubDeadlines } from './github-deadlines'
import type { HealthBoard } from './health-board'
import type { PoolConfig, PoolGoal } from './pool-config'
import type { PoolDemand } from './pool-demand'
import { gitHubFailureEffect, okCheck, problemCheck } from './pool-health'
import type { LaneHost, PoolLanes } from './pool-lanes'
import type { PoolDeps, PoolNotice } from './pool-types'
import type { RecentRunners } from './recent-runners'
import { LABELS } from './runner-labels'
import { RunnerLife, type RunnerHost } from './runner-life'
import { runnerNotice } from './runner-notices'
import { jobRecordOf } from './job-record-of'
import type { JobRecord } from '../../../common/job-record'
import { parseApiUrl } from '../../../common/target'
import type { TargetLane } from './target-lane'

/** The parts of the pool its reactions act on (the Pool is the one implementation). */
export interface ReactionsHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly disposables: DisposableStore
  readonly deadlines: GitHubDeadlines
  readonly runners: Map<string, RunnerLife>
  readonly lanes: PoolLanes
  readonly gate: CreationGate
  readonly health: HealthBoard
  readonly recent: RecentRunners
  readonly demand: PoolDemand
  readonly goal: PoolGoal
  readonly preparation: {
    readonly labels: readonly string[] | null
    dockerDown(f: DockerFailure): void
  }
  readonly stopControl: { readonly mode: 'no' | 'drain' | 'now' }
  note(level: PoolNotice['level'], runner: string | null, message: string): void
  changed(): void
  reconcile(): void
  newName(): string
  /** A job ran here and is over: history, metrics, notifications. */
  jobFinished(record: JobRecord): void
  /** A Docker call failed (metrics). */
  dockerErrored(kind: DockerFailure['kind']): void
}

/**
 * How the pool reacts to what happens: a runner's news (online, a job, a failure, gone), GitHub
 * and Docker failures (into health, holds and backoff, per target where the failure is the
 * target's), Docker events, and adopting a runner an earlier run left.
 */
export class PoolReactions implements RunnerHost, LaneHost {
  constructor(private readonly pool: ReactionsHost) {}

  get config(): PoolConfig {
    return this.pool.config
  }

  get deps(): PoolDeps {
    return this.pool.deps
  }

  get disposables(): DisposableStore {
    return this.pool.disposables
  }

  get deadlines(): GitHubDeadlines {
    return this.pool.deadlines
  }

  /** The labels runners register with. */
  labels(): readonly string[] {
    return this.pool.preparation.labels ?? []
  }

  /** Targets the user allowed although they are public. */
  allowPublic(): readonly string[] {
    return this.pool.goal.allowPublic
  }

  newName(): string {
    return this.pool.newName()
  }

  note(level: PoolNotice['level'], runner: string | null, message: string): void {
    this.pool.note(level, runner, message)
  }

  changed(): void {
    this.pool.changed()
  }

  reconcile(): void {
    this.pool.reconcile()
  }

  /** A runner's registration, on its target's lane. */
  register(name: string, target: Target): Promise<Result<JitRunner, GitHubFailure>> {
    const lane = this.pool.lanes.of(target)
    if (!lane) return Promise.resolve(err(noLane(target)))
    return this.mint(name, lane)
  }

  /** A runner's registration failed: hold or back off its target. */
  registrationFailed(life: RunnerLife, failure: GitHubFailure): void {
    this.gitHubFailed(failure, this.pool.lanes.get(life.laneKey) ?? null, life.name)
  }

  /** Mints a runner's one-time JIT config on its lane's runner group. */
  async mint(name: string, lane: TargetLane): Promise<Result<JitRunner, GitHubFailure>> {
    const { deps, health } = this.pool
    const jit = await deps.github.createJitRunner(lane.target, {
      name,
      groupId: lane.groupId ?? 1,
      labels: this.pool.preparation.labels ?? [],
      ...withWorkFolder(deps.attachments?.workFolder(name) ?? null),
    })
    if (!jit.ok) return jit
    deps.secrets.add(jit.value.encodedJitConfig)
    const now = deps.clock.now()
    health.set('github', okCheck(`Reached ${this.pool.config.apiUrl}`, now))
    if (health.lines.token.state !== 'ok')
      health.set('token', okCheck(`May register runners on ${formatTarget(lane.target)}`, now))
    return jit
  }

  /** Acts on a runner's news: health, backoff, spares, notices, and forgetting it. */
  report(life: RunnerLife, effect: RunnerEffect): void {
    const { pool } = this
    const lane = pool.lanes.get(life.laneKey)
    if (effect.kind === 'came-online') lane?.gate.success()
    if (effect.kind === 'took-job' || effect.kind === 'finished-job') pool.demand.poke(life.laneKey)
    if (effect.kind === 'took-job' && lane && pool.goal.mode.kind === 'fixed' && this.open()) {
      const busy = [...pool.runners.values()].filter(
        (r) => r.laneKey === lane.key && r.current.phase === 'busy',
      ).length
      lane.spares.fill(Math.min(busy, pool.goal.mode.perTarget))
    }
    if (effect.kind === 'failed')
      (lane?.gate ?? pool.gate).failure(`Runner ${life.name} failed: ${effect.message}`)
    if (effect.kind === 'gone') this.gone(life)
    const notice = runnerNotice(effect, life.name)
    if (notice) pool.note(notice.level, life.name, notice.message)
    pool.changed()
    pool.reconcile()
  }

  private gone(life: RunnerLife): void {
    const { pool } = this
    const now = pool.deps.clock.now()
    pool.runners.delete(life.name)
    pool.recent.add(life.view(now))
    const { job } = life.current
    if (job)
      pool.jobFinished(
        jobRecordOf({
          runner: life.name,
          target: life.target,
          job,
          github: pool.demand.jobOfRunner(life.name),
          labels: this.labels(),
          webUrl: webUrlOf(pool.config.apiUrl),
          now,
        }),
      )
    const { runnerId, leftover } = life.current
    if (leftover?.registration && runnerId !== null)
      void pool.deps.pending.add([
        { apiUrl: pool.config.apiUrl, target: life.target, runnerId, name: life.name, since: now },
      ])
  }

  private open(): boolean {
    return this.pool.stopControl.mode === 'no' && this.pool.gate.canCreate()
  }

  /**
   * Turns a GitHub failure into health, holds and backoff (decided by gitHubFailureEffect). A
   * failure of one target (403, 404, its runners failing) holds that target alone.
   */
  gitHubFailed(failure: GitHubFailure, lane: TargetLane | null, runner: string | null): void {
    const { pool } = this
    const name = lane ? formatTarget(lane.target) : 'the target'
    const effect = gitHubFailureEffect(failure.kind, name)
    const now = pool.deps.clock.now()
    if (effect.check)
      pool.health.set(effect.check.key, problemCheck(effect.check.summary, failure.message, now))
    const gate =
      lane && (effect.block?.reason === 'target' || effect.backoff) ? lane.gate : pool.gate
    if (effect.block) {
      const until = effect.block.forMs === null ? null : now + effect.block.forMs
      gate.block(effect.block.reason, failure.message, until)
    }
    if (effect.backoff) gate.failure(failure.message)
    if (runner) pool.note('error', runner, failure.message)
    pool.changed()
  }

  /** A stop gave up on GitHub: runners still waiting for it are removed now. */
  gaveUpOnGitHub(): void {
    this.pool.note(
      'warn',
      null,
      'GitHub does not answer: removing the runners now; their registrations are deleted the next time RunnerDock starts.',
    )
    this.killRetiring()
  }

  /** Runners waiting for GitHub to delete their registration are removed without waiting more. */
  killRetiring(): void {
    for (const life of this.pool.runners.values())
      if (life.current.phase === 'retiring') life.send({ kind: 'kill' })
  }

  /** Docker away holds creation; any other Docker failure counts toward backoff. */
  dockerFailed(failure: DockerFailure): void {
    this.pool.dockerErrored(failure.kind)
    if (failure.kind === 'unreachable' || failure.kind === 'timeout')
      this.pool.preparation.dockerDown(failure)
    else this.pool.gate.failure(failure.message)
  }

  /** A Docker event for one of our containers. */
  dockerEvent(event: ContainerEvent): void {
    const name = event.labels[LABELS.runner]
    const life = name ? this.pool.runners.get(name) : undefined
    if (!life || life.current.containerId !== event.id) return
    if (event.action === 'die' || event.action === 'destroy')
      life.send({ kind: 'exited', exitCode: event.exitCode })
    else if (event.action === 'oom')
      this.pool.note(
        'warn',
        life.name,
        'The container ran out of memory. Raise the memory limit in Settings.',
      )
  }

  /** Adopts a running container an earlier session left, if it serves one of our targets. */
  adopt(info: ContainerInfo): boolean {
    const { pool } = this
    const label = info.labels[LABELS.pool] ?? ''
    const parsed = parseTarget(label.slice(label.indexOf('/') + 1))
    const lane = parsed.ok ? pool.lanes.of(parsed.value) : undefined
    if (!lane || lane.leaving) return false
    const name = info.labels[LABELS.runner]!
    const id = Number(info.labels[LABELS.runnerId])
    const runnerId = Number.isInteger(id) && id > 0 ? id : null
    const state = adoptedRunnerState(pool.deps.clock.now(), info.createdAt, runnerId, info.id)
    const life = new RunnerLife(name, lane.target, state, this)
    pool.runners.set(name, life)
    pool.note('info', name, 'Adopted a runner left running by an earlier session.')
    life.follow()
    pool.changed()
    return true
  }
}

function withWorkFolder(folder: string | null): { workFolder?: string } {
  return folder === null ? {} : { workFolder: folder }
}

function noLane(target: Target): GitHubFailure {
  const name = formatTarget(target)
  return {
    kind: 'not-found',
    status: null,
    message: `${name} is no longer served by this pool.`,
    detail: name,
  }
}

function webUrlOf(apiUrl: string): string {
  const api = parseApiUrl(apiUrl)
  return api.ok ? api.value.webUrl : 'https://github.com'
}
