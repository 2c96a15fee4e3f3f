import type { Dispose, DisposableStore } from '../../../common/disposables'
import type { RunnerView } from '../../../common/pool-status'
import type { Result } from '../../../common/result'
import {
  transition,
  type RunnerEffect,
  type RunnerEvent,
  type RunnerState,
} from '../../../common/runner-machine'
import { formatTarget, type Target } from '../../../common/target'
import type { ContainerLogLine, DockerFailure } from '../docker/docker-port'
import type { GitHubFailure } from '../github/github-failure'
import type { JitRunner } from '../github/github-port'
import type { GitHubDeadlines } from './github-deadlines'
import type { PoolConfig } from './pool-config'
import type { PoolDeps, PoolNotice } from './pool-types'
import { removeRunnerTraces, runnerSpec } from './runner-container'
import { readLogLine } from './runner-log-events'
import { endingText } from './runner-notices'
import { targetKey } from './target-lane'
import { NO_ATTACHMENTS, type Attached } from './runner-attachments'
import type { Spare } from './pool-spares'

/** What one runner needs from its pool; the pool is the only implementation. */
export interface RunnerHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  /** Timers and streams of every runner, released together when the pool is disposed. */
  readonly disposables: DisposableStore
  /** Bounds every wait on GitHub; a stop shortens them. */
  readonly deadlines: GitHubDeadlines
  /** The labels runners register with (known once Docker said its platform). */
  labels(): readonly string[]
  /** Mints a fresh JIT config for this runner. */
  register(name: string, target: Target): Promise<Result<JitRunner, GitHubFailure>>
  /** The runner's effects the pool acts on (health, backoff, spares, notices, forgetting it). */
  report(life: RunnerLife, effect: RunnerEffect): void
  registrationFailed(life: RunnerLife, failure: GitHubFailure): void
  dockerFailed(failure: DockerFailure): void
  note(level: PoolNotice['level'], runner: string | null, message: string): void
  changed(): void
}

const UNREGISTER_RETRY_MAX_MS = 30_000

/**
 * One runner's life carried out: feeds events to the pure `transition`, performs the effects it
 * asks for through the Docker and GitHub ports, and feeds their results back as events. It owns
 * the runner's handles (log stream, timers, JIT config); every decision is in the machine.
 */
export class RunnerLife {
  private jitConfig: string | null = null
  private stopLogs: Dispose | null = null
  private onlineTimer: Dispose | null = null
  private logEnded: (() => void)[] = []
  /** Last log time seen: following resumes from here after Docker comes back, without repeats. */
  private lastLogTime = 0
  private unregisterDelay: number
  /** The runner version it printed at start, once it did. */
  private version: string | null = null
  /** Its folders, proxy and volumes while its container may exist. */
  private attached: Attached | null = null
  /** The key of the target (lane) it serves. */
  readonly laneKey: string

  constructor(
    readonly name: string,
    readonly target: Target,
    private state: RunnerState,
    private readonly host: RunnerHost,
  ) {
    this.unregisterDelay = host.config.unregisterRetryMs
    this.laneKey = targetKey(target)
  }

  /** The runner's state (plain data). */
  get current(): RunnerState {
    return this.state
  }

  /** Applies one event; a refused one is logged on the runner's own log, never silently dropped. */
  send(event: RunnerEvent): void {
    const result = transition(this.state, event, this.host.deps.clock.now())
    if (!result.ok) return this.engineLog(`Ignored: ${result.reason}.`)
    const before = this.state
    this.state = result.state
    for (const effect of result.effects) this.perform(effect)
    if (before !== this.state) this.host.changed()
  }

  /**
   * Registers the runner (or takes a spare registration, with the attachments made ahead for it,
   * once it is ready), then its container starts.
   */
  begin(spare: Spare | Promise<Spare | null> | null = null): void {
    if (spare instanceof Promise) void spare.then((s) => (s ? this.takeSpare(s) : this.register()))
    else if (spare) this.takeSpare(spare)
    else void this.register()
  }

  private takeSpare(spare: Spare): void {
    this.attached = spare.attached
    this.registered(spare)
  }

  /** Follows an adopted container's log from its start (or from `sinceMs`) to rebuild its state. */
  follow(sinceMs?: number): void {
    const { containerId } = this.state
    if (!containerId || this.state.phase === 'gone') return
    this.stopLogs?.()
    const subscription = this.host.deps.docker.followLogs(
      containerId,
      (line) => this.onLogLine(line),
      (failure) => {
        const release = this.stopLogs
        this.stopLogs = null
        release?.()
        for (const done of this.logEnded.splice(0)) done()
        // A clean end means the container stopped; a failure means Docker went away (the pool
        // follows again when it is back).
        if (failure === null) this.send({ kind: 'exited', exitCode: null })
      },
      sinceMs ?? (this.lastLogTime || undefined),
    )
    this.stopLogs = this.host.disposables.add(() => subscription.stop())
  }

  /** Whether its log is being followed (recovery re-follows runners whose stream broke). */
  get following(): boolean {
    return this.stopLogs !== null
  }

  /** The UI's view: plain data, no secrets, no handles. */
  view(goneAt: number | null = null): RunnerView {
    const s = this.state
    return {
      name: this.name,
      runnerId: s.runnerId,
      containerId: s.containerId,
      phase: s.phase,
      ending: s.ending,
      createdAt: s.createdAt,
      onlineAt: s.onlineAt,
      job: s.job,
      problem: s.problem === null ? null : this.host.deps.secrets.redact(s.problem),
      goneAt,
      target: formatTarget(this.target),
      jobUrl: null,
      version: this.version,
    }
  }

  private perform(effect: RunnerEffect): void {
    switch (effect.kind) {
      case 'create-container':
        return void this.createContainer()
      case 'follow-logs':
        return this.follow()
      case 'arm-online-timer': {
        const ms = this.host.config.onlineTimeoutMs
        this.onlineTimer = this.later(ms, () =>
          this.send({ kind: 'online-timeout', timeoutMs: ms }),
        )
        return
      }
      case 'disarm-online-timer':
        this.onlineTimer?.()
        this.onlineTimer = null
        return
      case 'unregister':
        return void this.unregister()
      case 'unregister-later': {
        const delay = this.unregisterDelay
        this.unregisterDelay = Math.min(delay * 2, UNREGISTER_RETRY_MAX_MS)
        this.later(delay, () => {
          if (this.state.phase === 'retiring') void this.unregister()
        })
        return
      }
      case 'clean-up':
        return void this.cleanUp(effect)
      default:
        return this.host.report(this, effect)
    }
  }

  private async register(): Promise<void> {
    const jit = await this.host.register(this.name, this.target)
    if (!jit.ok) {
      this.host.registrationFailed(this, jit.error)
      return this.send({ kind: 'register-failed', message: jit.error.message })
    }
    this.registered(jit.value)
  }

  private registered(jit: JitRunner): void {
    this.jitConfig = jit.encodedJitConfig
    this.engineLog(
      `Registered as runner ${jit.runnerId} on ${formatTarget(this.target)} with labels ${this.host.labels().join(', ')}.`,
    )
    this.send({ kind: 'registered', runnerId: jit.runnerId })
  }

  private async createContainer(): Promise<void> {
    const { config, deps } = this.host
    if (!this.attached) {
      const attachments = deps.attachments ?? NO_ATTACHMENTS
      const attached = await attachments.attach({ name: this.name, target: this.target })
      if (!attached.ok) return this.send({ kind: 'container-failed', message: attached.error })
      this.attached = attached.value
    }
    const started = await deps.docker.runRunner(
      runnerSpec(config, {
        name: this.name,
        target: this.target,
        runnerId: this.state.runnerId,
        jitConfig: this.jitConfig ?? '',
        extras: this.attached.spec,
      }),
    )
    if (!started.ok) {
      this.host.dockerFailed(started.error)
      return this.send({ kind: 'container-failed', message: started.error.message })
    }
    this.engineLog(`Container ${started.value.id.slice(0, 12)} started.`)
    this.send({ kind: 'container-started', containerId: started.value.id })
  }

  /** Retiring: deletes the registration first, so the runner cannot take a job as it goes. */
  private async unregister(): Promise<void> {
    const { runnerId } = this.state
    if (runnerId === null) return this.send({ kind: 'unregistered', outcome: 'deleted' })
    const deleted = await this.host.deadlines.run((signal) =>
      this.host.deps.github.deleteRunner(this.target, runnerId, { signal }),
    )
    const outcome = deleted.ok ? 'deleted' : deleted.error.kind === 'busy' ? 'busy' : 'failed'
    if (!deleted.ok && outcome === 'failed')
      this.engineLog(`Could not delete its registration yet: ${deleted.error.message}`)
    this.send({ kind: 'unregistered', outcome })
  }

  private async cleanUp(effect: Extract<RunnerEffect, { kind: 'clean-up' }>): Promise<void> {
    const { deps, config } = this.host
    if (effect.drainLogs) await this.logEnd(config.logDrainMs)
    this.stopLogs?.()
    this.stopLogs = null
    const attached = this.attached
    this.attached = null
    const leftover = await removeRunnerTraces(this.host, {
      name: this.name,
      target: this.target,
      containerId: effect.removeContainer ? this.state.containerId : null,
      runnerId: effect.deleteRegistration ? this.state.runnerId : null,
      attached,
      log: (message) => this.engineLog(message),
    })
    if (leftover.container) this.attached = attached
    if (this.jitConfig) deps.secrets.delete(this.jitConfig)
    this.jitConfig = null
    this.engineLog(endingText(this.state))
    deps.logs.finish(this.name)
    this.send({ kind: 'cleaned', leftover })
  }

  private onLogLine(line: ContainerLogLine): void {
    if (line.time < this.lastLogTime) return
    this.lastLogTime = line.time
    this.host.deps.logs.append(this.name, line.stream, line.time, line.text)
    const { event, refused, version } = readLogLine(line, this.host.config)
    if (version !== null) {
      this.version = version
      this.host.changed()
    }
    if (refused) this.host.report(this, { kind: 'failed', message: refused })
    if (event) this.send(event)
  }

  /** Resolves when the log follow ends (its last lines are in), or after `timeoutMs`. */
  private logEnd(timeoutMs: number): Promise<void> {
    if (!this.stopLogs) return Promise.resolve()
    return new Promise((resolve) => {
      const cancel = this.later(timeoutMs, resolve)
      this.logEnded.push(() => {
        cancel()
        resolve()
      })
    })
  }

  private later(ms: number, fn: () => void): Dispose {
    return this.host.disposables.timeout(this.host.deps.clock, ms, fn)
  }

  private engineLog(message: string): void {
    this.host.deps.logs.append(this.name, 'engine', this.host.deps.clock.now(), message)
  }
}
