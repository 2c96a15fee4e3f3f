import { randomBytes } from 'node:crypto'
import { Emitter } from '../../../common/emitter'
import { backoffMs, planPool } from '../../../common/pool-plan'
import type {
  Block,
  Health,
  ImagePull,
  PoolSnapshot,
  RunnerView,
} from '../../../common/pool-status'
import { applyRunnerLogEvent } from '../../../common/runner-activity'
import { parseRunnerLogLine } from '../../../common/runner-log'
import { formatTarget } from '../../../common/target'
import type {
  ContainerEvent,
  ContainerLogLine,
  DockerFailure,
  Subscription,
} from '../docker/docker-port'
import type { GitHubFailure } from '../github/github-failure'
import type { GitHubPort, JitRunner } from '../github/github-port'
import { SpareRegistrations } from './pool-spares'
import { ok, type Result } from '../../../common/result'
import { recover, sweepRegistrations } from './pool-recovery'
import { deleteRegistration } from './registration-delete'
import {
  poolKey,
  type PoolConfig,
  type PoolDeps,
  type PoolEvents,
  type PoolNotice,
  type StopReport,
} from './pool-types'
import {
  chooseBlock,
  gitHubFailureEffect,
  initialHealth,
  okCheck,
  problemCheck,
} from './pool-health'
import {
  installationLabel,
  isLive,
  logEnd,
  LABELS,
  newRecord,
  runnerNamePrefix,
  toView,
  type RunnerRecord,
} from './runner-record'

export type { PoolConfig, PoolDeps, PoolEvents, PoolNotice, StopReport } from './pool-types'
export { poolKey } from './pool-types'

const RECENT_LIMIT = 20
const PREPARE_RETRY_MS = 30_000
// How long an exited runner's log may take to deliver its backlog before the container goes.
const LOG_DRAIN_MS = 10_000

/**
 * Keeps `desired` fresh runner containers registered and listening. Event driven: Docker events,
 * the runners' own log lines and GitHub answers move state; `planPool` (pure) decides what to do.
 */
export class Pool extends Emitter<PoolEvents> {
  readonly records = new Map<string, RunnerRecord>()
  private readonly recent: RunnerView[] = []
  private readonly blocks = new Map<Block['reason'], Block>()
  private health: Health = initialHealth()
  private imagePull: ImagePull | null = null
  private desired = 0
  private running = false
  private stopping: PoolSnapshot['stopping'] = 'no'
  private version = 0
  private failures = 0
  private nextCreateAt = 0
  private groupId: number | null = null
  private events: Subscription | null = null
  private reconcileQueued = false
  private snapshotQueued = false
  private timers = new Set<ReturnType<typeof setTimeout>>()
  private stopWaiters: Array<() => void> = []
  private removedContainers = 0
  private pendingRegistrations = new Set<string>()
  private dockerConnected = false
  private preparing = false
  private sweepScheduled = false
  readonly now: () => number
  /** Successors' registrations minted while runners are busy (see pool-spares.ts). */
  readonly spares: SpareRegistrations

  constructor(
    readonly config: PoolConfig,
    readonly deps: PoolDeps,
  ) {
    super()
    this.now = deps.now ?? Date.now
    this.spares = new SpareRegistrations(
      () => this.newRunnerName(),
      (name) => this.registerRunner(name),
      async (spare) => {
        await this.deleteRegistration(spare.runnerId)
        this.deps.secrets.delete(spare.encodedJitConfig)
      },
    )
  }

  // ---- public surface -------------------------------------------------------------------------

  /** The pool as a UI sees it. */
  snapshot(): PoolSnapshot {
    return {
      running: this.running,
      stopping: this.stopping,
      target: this.config.target,
      apiUrl: this.config.apiUrl,
      desired: this.desired,
      maxRunners: this.config.maxRunners,
      runners: [...this.records.values()].map(toView),
      recent: [...this.recent],
      health: this.health,
      blocked: chooseBlock(this.blocks, this.now()),
      imagePull: this.imagePull,
      version: this.version,
    }
  }

  /** Sets the pool size; applied at once (creations start, idle runners are retired). */
  setDesired(count: number): void {
    const before = this.desired
    this.desired = Math.max(0, Math.min(this.config.maxRunners, Math.floor(count)))
    if (this.desired < before) void this.spares.clear()
    this.changed()
    this.reconcile()
  }

  /** Starts the pool: watch Docker, recover what an earlier run left, then fill to `desired`. */
  async start(desired: number): Promise<void> {
    this.desired = Math.max(0, Math.min(this.config.maxRunners, Math.floor(desired)))
    this.running = true
    this.stopping = 'no'
    this.changed()
    this.events = this.deps.docker.watchEvents(
      { [LABELS.installation]: this.config.installationId },
      (event) => this.onDockerEvent(event),
      (state) => (state.connected ? void this.onDockerUp() : this.onDockerDown(state.failure)),
    )
    await this.prepare()
  }

  /**
   * Stops the pool. `drain` retires idle runners and lets busy ones finish their job; `now` kills
   * every runner. Either way every container and registration this pool made is removed.
   */
  stop(mode: 'drain' | 'now'): Promise<StopReport> {
    if (!this.running && this.records.size === 0) return Promise.resolve(this.stopReport())
    if (this.stopping !== 'now') this.stopping = mode
    void this.spares.clear()
    this.note(
      'info',
      null,
      mode === 'now'
        ? 'Stopping now: removing every runner.'
        : 'Stopping: idle runners are removed, busy ones finish their job first.',
    )
    const done = new Promise<void>((resolve) => this.stopWaiters.push(resolve))
    this.changed()
    this.reconcile()
    return done.then(() => this.stopReport())
  }

  /** Clears blocks a user may have fixed (token, image, target) and tries again at once. */
  async retry(): Promise<void> {
    for (const reason of ['token', 'target', 'image', 'backoff'] as const)
      this.blocks.delete(reason)
    this.failures = 0
    this.nextCreateAt = 0
    this.changed()
    await this.prepare()
  }

  /** Swaps in a GitHub adapter with a new token (the old one was revoked) and tries again. */
  async useGitHub(github: GitHubPort): Promise<void> {
    this.deps.github = github
    await this.retry()
  }

  /** Stops timers and streams without touching containers (tests and process exit). */
  dispose(): void {
    this.events?.stop()
    for (const t of this.timers) clearTimeout(t)
    for (const r of this.records.values()) {
      r.logs?.stop()
      if (r.onlineTimer) clearTimeout(r.onlineTimer)
    }
  }

  // ---- preparation: health checks and recovery ----------------------------------------------

  private async prepare(): Promise<void> {
    if (this.preparing || !this.running) return
    this.preparing = true
    try {
      const ping = await this.deps.docker.ping()
      if (!ping.ok) return this.onDockerDown(ping.error)
      this.setCheck('docker', okCheck(`Docker API ${ping.value.apiVersion}`, this.now()))
      // GitHub or the image may be unreachable for a while: look again later rather than give up.
      if (!(await this.prepareGitHub()) || !(await this.prepareImage())) {
        this.later(PREPARE_RETRY_MS, () => void this.prepare())
        return
      }
      await recover(this)
      if (!this.sweepScheduled) this.scheduleSweep()
      this.reconcile()
    } finally {
      this.preparing = false
    }
  }

  private async prepareGitHub(): Promise<boolean> {
    const group = await this.deps.github.resolveGroupId(this.config.target, this.config.runnerGroup)
    if (!group.ok) {
      this.onGitHubFailure(group.error, null)
      return false
    }
    this.groupId = group.value
    this.setCheck('github', okCheck(`Reached ${this.config.apiUrl}`, this.now()))
    return true
  }

  private async prepareImage(): Promise<boolean> {
    const image = this.config.image
    const result = await this.deps.docker.ensureImage(image, (p) => {
      this.imagePull = { image, ...p }
      this.changed()
    })
    this.imagePull = null
    if (!result.ok) {
      this.setCheck('image', problemCheck(image, result.error.message, this.now()))
      this.block('image', result.error.message)
      return false
    }
    if (result.value.pulled) this.note('info', null, `Pulled ${image}.`)
    this.setCheck('image', okCheck(image, this.now()))
    this.blocks.delete('image')
    return true
  }

  // ---- reconcile ----------------------------------------------------------------------------

  /** Queues one reconcile pass for the end of this turn (many triggers, one decision). */
  reconcile(): void {
    if (this.reconcileQueued) return
    this.reconcileQueued = true
    setImmediate(() => {
      this.reconcileQueued = false
      this.reconcileNow()
    })
  }

  private reconcileNow(): void {
    const now = this.now()
    const canCreate =
      this.running &&
      this.groupId !== null &&
      chooseBlock(this.blocks, now) === null &&
      now >= this.nextCreateAt
    const plan = planPool({
      desired: this.running ? this.desired : 0,
      stopping: this.stopping,
      runners: [...this.records.values()].map((r) => ({
        name: r.name,
        container: r.container,
        activity: r.activity.kind,
        retiring: r.retiring,
        createdAt: r.createdAt,
      })),
      canCreate,
      maxParallelCreates: this.config.maxParallelCreates ?? 10,
    })
    for (let i = 0; i < plan.create; i++) void this.createRunner()
    for (const name of plan.retire) void this.retireRunner(name)
    for (const name of plan.kill) void this.killRunner(name)
    if (!canCreate && this.nextCreateAt > now)
      this.later(this.nextCreateAt - now, () => this.reconcile())
    this.checkStopped()
  }

  private checkStopped(): void {
    if (this.stopping === 'no' || this.records.size > 0) return
    this.running = false
    this.stopping = 'no'
    this.events?.stop()
    this.events = null
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    this.sweepScheduled = false
    this.changed()
    const waiters = this.stopWaiters
    this.stopWaiters = []
    void this.spares
      .clear()
      .then(() => sweepRegistrations(this))
      .finally(() => waiters.forEach((w) => w()))
  }

  // ---- one runner's life ----------------------------------------------------------------------

  private newRunnerName(): string {
    return `${runnerNamePrefix(this.config.installationId)}${randomBytes(4).toString('hex')}`
  }

  private get runnerLabels(): string[] {
    return ['self-hosted', installationLabel(this.config.installationId), ...this.config.labels]
  }

  /** Mints a runner's one-time JIT config (its registration on GitHub). */
  private async registerRunner(name: string): Promise<Result<JitRunner, GitHubFailure>> {
    const jit = await this.deps.github.createJitRunner(this.config.target, {
      name,
      groupId: this.groupId ?? 1,
      labels: this.runnerLabels,
    })
    if (jit.ok) this.deps.secrets.add(jit.value.encodedJitConfig)
    return jit
  }

  private async createRunner(): Promise<void> {
    const spare = this.spares.take()
    const name = spare?.name ?? this.newRunnerName()
    const record = newRecord(name, this.now())
    this.records.set(name, record)
    this.changed()
    const labels = this.runnerLabels
    const jit = spare ? ok(spare) : await this.registerRunner(name)
    if (!jit.ok) {
      this.records.delete(name)
      this.onGitHubFailure(jit.error, name)
      this.changed()
      this.reconcile()
      return
    }
    record.runnerId = jit.value.runnerId
    record.jitConfig = jit.value.encodedJitConfig
    this.setCheck('github', okCheck(`Reached ${this.config.apiUrl}`, this.now()))
    if (this.health.token.state !== 'ok') {
      this.setCheck(
        'token',
        okCheck(`May register runners on ${formatTarget(this.config.target)}`, this.now()),
      )
    }
    this.engineLog(
      record,
      `Registered as runner ${jit.value.runnerId} with labels ${labels.join(', ')}.`,
    )
    if (
      record.exiting ||
      record.retiring ||
      this.stopping === 'now' ||
      this.records.get(name) !== record
    ) {
      return this.finishRemoval(record, 'Removed before it started.')
    }
    const started = await this.deps.docker.runRunner({
      name,
      image: this.config.image,
      jitConfig: jit.value.encodedJitConfig,
      labels: {
        [LABELS.installation]: this.config.installationId,
        [LABELS.pool]: poolKey(this.config),
        [LABELS.runner]: name,
        [LABELS.runnerId]: String(jit.value.runnerId),
        [LABELS.apiUrl]: this.config.apiUrl,
      },
      cpus: this.config.cpus,
      memoryMb: this.config.memoryMb,
      networkMode: this.config.networkMode,
      dockerSocket: this.config.dockerAccess,
    })
    if (!started.ok) {
      if (started.error.kind === 'unreachable' || started.error.kind === 'timeout')
        this.onDockerDown(started.error)
      else this.recordFailure(`Docker could not start a runner: ${started.error.message}`)
      record.container = 'failed'
      return this.finishRemoval(record, `Container did not start: ${started.error.detail}`)
    }
    record.containerId = started.value.id
    record.container = 'running'
    if (record.exiting || this.records.get(name) !== record) {
      // Killed while Docker was starting it: do not leave the container behind.
      await this.removeContainer(record)
      return this.finishRemoval(record, 'Removed before it came online.')
    }
    this.engineLog(record, `Container ${started.value.id.slice(0, 12)} started.`)
    this.follow(record)
    const timeout = this.config.onlineTimeoutMs ?? 180_000
    record.onlineTimer = setTimeout(() => this.onOnlineTimeout(record, timeout), timeout)
    this.changed()
    // The pool may have shrunk or stopped while this runner was starting: decide again.
    this.reconcile()
  }

  /** Starts following a container's log (also used when adopting one at start-up). */
  follow(record: RunnerRecord, sinceMs?: number): void {
    if (!record.containerId) return
    record.logs?.stop()
    record.logs = this.deps.docker.followLogs(
      record.containerId,
      (line) => this.onLogLine(record, line),
      (failure) => {
        record.logs = null
        for (const drained of record.logWaiters.splice(0)) drained()
        // A clean end means the container stopped; a failure means Docker went away (the
        // events watcher resynchronises when it is back).
        if (failure === null && this.records.get(record.name) === record)
          void this.handleExit(record, null)
      },
      sinceMs,
    )
  }

  private onLogLine(record: RunnerRecord, line: ContainerLogLine): void {
    if (line.time < record.lastLogTime) return
    record.lastLogTime = line.time
    this.deps.logs.append(record.name, line.stream, line.time, line.text)
    if (line.stream === 'stderr' && line.text.trim()) record.lastError = line.text.trim()
    const event = parseRunnerLogLine(line.text)
    if (!event) return
    const before = record.activity.kind
    const next = applyRunnerLogEvent(record, event, line.time)
    record.activity = next.activity
    record.registration = next.registration
    record.onlineAt = next.onlineAt
    record.lastResult = next.lastResult
    if (record.activity.kind === before && event.kind !== 'listening') return this.changed()
    if (event.kind === 'listening' && before === 'starting') {
      if (record.onlineTimer) clearTimeout(record.onlineTimer)
      record.onlineTimer = null
      this.failures = 0
      this.nextCreateAt = 0
      this.blocks.delete('backoff')
      this.note('info', record.name, 'Online, listening for jobs.')
    } else if (event.kind === 'job-started') {
      this.fillSpares()
      this.note('info', record.name, `Running job "${event.job}".`)
    } else if (event.kind === 'job-completed')
      this.note(
        event.result === 'Succeeded' ? 'info' : 'warn',
        record.name,
        `Job "${event.job}" finished: ${event.result}.`,
      )
    else if (event.kind === 'deprecated')
      this.recordFailure(
        `GitHub refuses this runner version: ${event.message} Update the runner image.`,
      )
    this.changed()
    this.reconcile()
  }

  /** One successor registration per busy runner the pool will replace (never past `desired`). */
  private fillSpares(): void {
    if (!this.running || this.stopping !== 'no' || chooseBlock(this.blocks, this.now()) !== null)
      return
    const busy = [...this.records.values()].filter((r) => r.activity.kind === 'busy').length
    this.spares.fill(Math.min(busy, this.desired))
  }

  private onOnlineTimeout(record: RunnerRecord, timeoutMs: number): void {
    record.onlineTimer = null
    if (record.activity.kind !== 'starting' || this.records.get(record.name) !== record) return
    const why = record.lastError ? ` Last error: ${record.lastError}` : ''
    this.recordFailure(
      `Runner ${record.name} did not come online within ${Math.round(timeoutMs / 1000)} s.${why}`,
    )
    void this.killRunner(record.name)
  }

  /** Graceful removal of an idle or starting runner: unregister first so it cannot take a job. */
  private async retireRunner(name: string): Promise<void> {
    const record = this.records.get(name)
    if (!record || record.retiring || record.exiting) return
    record.retiring = true
    this.changed()
    if (record.runnerId !== null) {
      const deleted = await this.deps.github.deleteRunner(this.config.target, record.runnerId)
      if (!deleted.ok && deleted.error.kind === 'busy') {
        // It took a job between our decision and the delete: let it finish; the next pass decides again.
        record.retiring = false
        this.changed()
        return
      }
      if (deleted.ok) record.registration = 'gone'
    }
    await this.removeContainer(record)
    await this.finishRemoval(record, 'Removed (pool scaled down).')
  }

  /** Stop-now removal: kill the container even mid-job, then remove the registration. */
  private async killRunner(name: string): Promise<void> {
    const record = this.records.get(name)
    if (!record || record.exiting) return
    record.exiting = true
    record.retiring = true
    this.changed()
    await this.removeContainer(record)
    await this.finishRemoval(record, 'Removed.')
  }

  /** A container exited (its job is done, or it failed): clean up and let reconcile replace it. */
  async handleExit(record: RunnerRecord, exitCode: number | null): Promise<void> {
    if (record.exiting) return
    record.exiting = true
    if (record.container === 'running') record.container = 'exited'
    const neverOnline = record.onlineAt === null && !record.retiring && this.stopping === 'no'
    if (neverOnline) {
      const why = record.lastError
        ? `: ${record.lastError}`
        : exitCode !== null
          ? ` (exit code ${exitCode})`
          : ''
      this.recordFailure(`Runner ${record.name} exited before coming online${why}`)
    }
    // Docker's "die" event overtakes a busy log stream: read the job's last lines before removing.
    await logEnd(record, LOG_DRAIN_MS)
    this.changed()
    await this.removeContainer(record)
    await this.finishRemoval(
      record,
      record.activity.kind === 'finished'
        ? 'Job done; container removed.'
        : 'Container exited and was removed.',
    )
  }

  private async removeContainer(record: RunnerRecord): Promise<void> {
    record.logs?.stop()
    record.logs = null
    if (record.onlineTimer) clearTimeout(record.onlineTimer)
    record.onlineTimer = null
    if (!record.containerId) return
    record.container = 'removing'
    this.changed()
    const removed = await this.deps.docker.remove(record.containerId)
    if (removed.ok) {
      record.container = 'removed'
      this.removedContainers++
    } else {
      // Docker is away; the recovery pass at the next start (or reconnect) removes it.
      this.note('warn', record.name, `Could not remove container: ${removed.error.message}`)
    }
  }

  /** Deletes the registration if GitHub still has it, then forgets the runner. */
  private async finishRemoval(record: RunnerRecord, message: string): Promise<void> {
    record.exiting = true
    if (record.runnerId !== null && record.registration !== 'gone') {
      const gone = await this.deleteRegistration(record.runnerId)
      if (gone) record.registration = 'gone'
      else this.pendingRegistrations.add(record.name)
    }
    if (record.jitConfig) this.deps.secrets.delete(record.jitConfig)
    record.jitConfig = null
    if (
      record.container !== 'removed' &&
      record.container !== 'failed' &&
      record.containerId === null
    )
      record.container = 'removed'
    this.engineLog(record, message)
    this.deps.logs.finish(record.name)
    if (this.records.get(record.name) === record) this.records.delete(record.name)
    if (record.activity.kind !== 'starting' || record.onlineAt !== null) {
      this.recent.unshift(toView(record))
      this.recent.length = Math.min(this.recent.length, RECENT_LIMIT)
    }
    this.changed()
    this.reconcile()
  }

  /** Deletes a registration, retrying while GitHub still holds the runner as busy. */
  private deleteRegistration(runnerId: number): Promise<boolean> {
    return deleteRegistration(
      this.deps.github,
      this.config.target,
      runnerId,
      this.config.deleteRetryMs ?? 60_000,
      (message) => this.note('warn', null, message),
    )
  }

  // ---- Docker and GitHub news -------------------------------------------------------------------

  private onDockerEvent(event: ContainerEvent): void {
    const name = event.labels[LABELS.runner]
    const record = name ? this.records.get(name) : undefined
    if (!record || record.containerId !== event.id) return
    if (event.action === 'die' || event.action === 'destroy')
      void this.handleExit(record, event.exitCode)
    else if (event.action === 'oom')
      this.note(
        'warn',
        record.name,
        'The container ran out of memory. Raise the memory limit in Settings.',
      )
  }

  private async onDockerUp(): Promise<void> {
    const wasDown = !this.dockerConnected
    this.dockerConnected = true
    if (!wasDown) return
    if (this.blocks.has('docker')) {
      this.blocks.delete('docker')
      this.note('info', null, 'Docker is reachable again.')
      await this.prepare()
    }
  }

  private onDockerDown(failure: DockerFailure): void {
    this.dockerConnected = false
    this.setCheck('docker', problemCheck('Docker is not reachable', failure.message, this.now()))
    if (!this.blocks.has('docker')) this.note('error', null, failure.message)
    this.block('docker', failure.message)
  }

  /** Turns a GitHub failure into health, blocks and backoff (decided by gitHubFailureEffect). */
  onGitHubFailure(failure: GitHubFailure, runner: string | null): void {
    const effect = gitHubFailureEffect(failure.kind, formatTarget(this.config.target))
    const now = this.now()
    if (effect.check)
      this.setCheck(effect.check.key, problemCheck(effect.check.summary, failure.message, now))
    if (effect.block) {
      const until = effect.block.forMs === null ? null : now + effect.block.forMs
      this.block(effect.block.reason, failure.message, until)
    }
    if (effect.backoff) this.recordFailure(failure.message)
    if (runner) this.note('error', runner, failure.message)
  }

  // ---- bookkeeping ------------------------------------------------------------------------------

  /** Counts a runner failure and backs off creation exponentially. */
  recordFailure(message: string): void {
    this.failures++
    const delay = backoffMs(this.failures)
    this.nextCreateAt = this.now() + delay
    this.block(
      'backoff',
      `${message} Trying again in ${Math.ceil(delay / 1000)} s.`,
      this.nextCreateAt,
    )
    this.note('warn', null, `${message} Next attempt in ${Math.ceil(delay / 1000)} s.`)
    this.later(delay, () => this.reconcile())
  }

  /** Notes a reason creation is on hold. */
  block(reason: Block['reason'], message: string, until: number | null = null): void {
    this.blocks.set(reason, { reason, message, until })
    this.changed()
  }

  /** Replaces one line of the health panel. */
  setCheck(key: keyof Health, check: Health[keyof Health]): void {
    this.health = { ...this.health, [key]: check }
    this.changed()
  }

  /** Tells the user something (CLI line, notification) and keeps it in the runner's log. */
  note(level: PoolNotice['level'], runner: string | null, message: string): void {
    this.emit('notice', { time: this.now(), level, runner, message })
  }

  private engineLog(record: RunnerRecord, message: string): void {
    this.deps.logs.append(record.name, 'engine', this.now(), message)
  }

  /** Runs `fn` after `ms`, tracked so `dispose` and stop clear it. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    this.timers.add(timer)
  }

  private scheduleSweep(): void {
    const interval = this.config.listIntervalMs ?? 120_000
    this.sweepScheduled = true
    this.later(interval, () => {
      this.sweepScheduled = false
      if (!this.running) return
      void sweepRegistrations(this).finally(() => this.scheduleSweep())
    })
  }

  /** Coalesces changes into one snapshot event per turn. */
  changed(): void {
    if (this.snapshotQueued) return
    this.snapshotQueued = true
    queueMicrotask(() => {
      this.snapshotQueued = false
      this.version++
      this.emit('snapshot', this.snapshot())
    })
  }

  private stopReport(): StopReport {
    return {
      removedContainers: this.removedContainers,
      pendingRegistrations: [...this.pendingRegistrations],
    }
  }

  /** Forgets a registration that a later sweep removed after all. */
  registrationRemoved(name: string): void {
    this.pendingRegistrations.delete(name)
  }

  /** Whether a container state counts as present, for recovery. */
  static isLive = isLive
}
