import type { ActionResult } from '../../common/contract'
import type { JobRecord } from '../../common/job-record'
import type { PoolSnapshot } from '../../common/pool-status'
import type { SecretRegistry } from '../../common/redact'
import type { Settings } from '../../common/settings'
import { describeStopReport, stopComplete, type StopReport } from '../../common/stop-report'
import { describeCheck } from '../../common/token-access'
import { BYTES_PER_GB, primaryTarget } from '../../common/settings'
import { parseApiUrl, type Target } from '../../common/target'
import { DISCOVERY_INTERVAL_MS, type DiscoveryControl } from './discovery-control'
import { goalFromSettings, poolSettingsFrom } from './pool-goal'
import type { EngineDeps } from './engine-deps'
import { poolAttachments } from './runner-setup/pool-attachments'
import { openGitHubSession } from './github/github-session'
import type { LogStore } from './logs/log-store'
import { acquirePoolLock, type PoolLock } from './pool-lock'
import { Pool } from './pool/pool'
import { resolvePoolConfig } from './pool/pool-config'
import { GITHUB_RETRY_MS } from './pool/pool-health'
import type { PoolNotice } from './pool/pool-types'
import type { GitHubSession } from './github/github-session'

/** What the pool's control needs of the engine. */
export interface PoolControlHost {
  readonly deps: EngineDeps
  readonly secrets: SecretRegistry
  readonly logs: LogStore
  readonly discovery: DiscoveryControl
  settings(): Settings & { installationId: string }
  notice(level: PoolNotice['level'], runner: string | null, message: string): void
  /** A job ran here and is over. */
  jobFinished(record: JobRecord): void
  /** A Docker call failed (metrics). */
  dockerErrored(kind: string): void
  /** Every GitHub answer (metrics). */
  gitHubAnswered(route: string, status: number, rateLimitRemaining: number | null): void
  /** The pool's snapshot changed (null: no pool runs any more; the engine builds its own). */
  snapshotChanged(snapshot: PoolSnapshot | null): void
}

/**
 * The engine's one pool: started from the settings after the token was checked, stopped with a
 * report of what is left, restarted when its settings change. A stop asked for while the pool is
 * still starting waits for the start and then stops what it made, so a Ctrl-C during start-up
 * still cleans up.
 */
export class PoolControl {
  private pool: Pool | null = null
  private lock: PoolLock | null = null
  private starting: Promise<ActionResult> | null = null
  private stopping: Promise<StopReport | null> | null = null
  private abortStart = false
  private restartAfterStop = false
  private rediscover: (() => void) | null = null
  /** The last report and snapshot of a stopped pool, shown while none runs. */
  lastStop: StopReport | null = null
  lastSnapshot: PoolSnapshot | null = null

  constructor(private readonly host: PoolControlHost) {}

  /** The running pool, if any. */
  get current(): Pool | null {
    return this.pool
  }

  /** Starts a pool from the settings (joins a start in progress). */
  start(): Promise<ActionResult> {
    if (this.pool) return Promise.resolve({ ok: true })
    this.starting ??= this.startOnce().finally(() => (this.starting = null))
    return this.starting
  }

  private async startOnce(): Promise<ActionResult> {
    const { host } = this
    const s = host.settings()
    const primary = primaryTarget(s)
    if (!primary && !s.discoverRepositories)
      return { ok: false, message: 'Choose a repository or organization in Settings first.' }
    this.abortStart = false
    const session = await openGitHubSession(
      host.deps.tokens,
      s.apiUrl,
      (n) =>
        host.notice(
          'warn',
          null,
          `GitHub rate limit (${n.kind}): waiting ${n.retryAfterSeconds} s as GitHub asks.`,
        ),
      (route, status, remaining) => host.gitHubAnswered(route, status, remaining),
    )
    if (!session.ok) return { ok: false, message: session.error.message }
    host.secrets.add(session.value.secret)
    const checked = await this.checkToken(session.value, s.apiUrl, primary)
    if (!checked.ok) return checked
    const docker = await host.deps.docker()
    if (!docker.ok) return { ok: false, message: docker.error.message }
    if (this.abortStart) return { ok: false, message: 'Stopped before the pool started.' }
    const lock = await acquirePoolLock(host.deps.configDir)
    if (!lock.ok) return { ok: false, message: lock.error }
    this.lock = lock.value
    host.notice('info', null, `Docker: ${docker.value.description}.`)
    const { attachments, notice } = poolAttachments({
      installationId: s.installationId,
      image: s.image,
      dockerAccess: s.dockerAccess,
      caches: s.caches,
      cacheLimitBytes: () => host.settings().cacheLimitGb * BYTES_PER_GB,
      apiUrl: s.apiUrl,
      configDir: host.deps.configDir,
      env: process.env,
      ...(docker.value.connection ? { connection: docker.value.connection } : {}),
      log: (runner, message) => host.logs.append(runner, 'engine', host.deps.clock.now(), message),
      stepLine: (runner, time, text) => host.logs.append(runner, 'step', time, text),
      traceLine: (runner, time, text) => host.logs.append(runner, 'trace', time, text),
      watchLines: (runner, onLine) =>
        host.logs.subscribe(runner, (entries) => {
          // The runner's trace is kept apart from its terminal lines (common/runner-trace.ts).
          for (const e of entries) if (e.stream === 'stdout' || e.stream === 'trace') onLine(e.text)
        }),
    })
    if (notice) host.notice('warn', null, notice)
    const pool = new Pool(resolvePoolConfig(poolSettingsFrom(s), host.deps.poolTuning), {
      attachments,
      docker: docker.value.port,
      github: session.value.github,
      logs: host.logs,
      secrets: host.secrets,
      clock: host.deps.clock,
      pending: host.deps.pending,
    })
    this.pool = pool
    pool.on('snapshot', (snapshot) => host.snapshotChanged(snapshot))
    pool.on('notice', (n) => host.notice(n.level, n.runner, n.message))
    pool.on('job', (record) => host.jobFinished(record))
    pool.on('dockerError', (kind) => host.dockerErrored(kind))
    await pool.start(goalFromSettings(s, host.discovery.repos))
    if (s.discoverRepositories) this.discoverNow()
    return { ok: true }
  }

  /** The settings' goal changed: the running pool follows it at once. */
  applyGoal(): void {
    const s = this.host.settings()
    this.pool?.setGoal(goalFromSettings(s, this.host.discovery.repos))
    if (s.discoverRepositories && this.host.discovery.checkedAt === null) this.discoverNow()
  }

  /** Looks for repositories again, then serves what it found; again once a day. */
  discoverNow(): void {
    const pool = this.pool
    if (!pool) return
    this.rediscover?.()
    this.rediscover = this.host.deps.clock.setTimeout(
      () => this.discoverNow(),
      DISCOVERY_INTERVAL_MS,
    )
    void this.host.discovery.refresh(pool.deps.github).then((found) => {
      if (!found.ok) return this.host.notice('warn', null, found.error)
      if (this.pool === pool) this.applyGoal()
    })
  }

  /** Says what it is doing before waiting on GitHub, and refuses a token that cannot work. */
  private async checkToken(session: GitHubSession, apiUrl: string, target: Target | null) {
    const where = parseApiUrl(apiUrl)
    this.host.notice(
      'info',
      null,
      `Checking the token with ${where.ok ? where.value.apiUrl : apiUrl} …`,
    )
    const check = await session.check(target)
    if (['invalid', 'insufficient', 'no-access'].includes(check.status))
      return { ok: false as const, message: check.message }
    if (check.status === 'valid') this.host.notice('info', null, `Token: ${describeCheck(check)}.`)
    else
      this.host.notice(
        'warn',
        null,
        `${check.message} RunnerDock retries every ${GITHUB_RETRY_MS / 1000} s and goes on once GitHub answers.`,
      )
    return { ok: true as const }
  }

  /**
   * Stops the pool and resolves with what is left (null when no pool ran). Stopping twice joins
   * the running stop; "now" upgrades a drain.
   */
  stop(mode: 'drain' | 'now'): Promise<StopReport | null> {
    if (this.starting && !this.pool) {
      this.abortStart = true
      return this.starting.then(() => (this.pool ? this.stop(mode) : this.lastStop))
    }
    const pool = this.pool
    if (!pool) return Promise.resolve(this.lastStop)
    const report = pool.stop(mode)
    this.stopping ??= report.then((r) => this.stopped(pool, r))
    return this.stopping
  }

  /** Drains, then starts a pool with the new settings (a pool's config is fixed for its life). */
  async restart(): Promise<void> {
    this.restartAfterStop = true
    await this.stop('drain')
  }

  private async stopped(pool: Pool, report: StopReport): Promise<StopReport> {
    this.lastSnapshot = pool.snapshot()
    this.lastStop = report
    pool.dispose()
    this.rediscover?.()
    this.rediscover = null
    this.pool = null
    this.stopping = null
    await this.lock?.release()
    this.lock = null
    const webUrl = parseApiUrl(pool.config.apiUrl)
    const lines = describeStopReport(report, webUrl.ok ? webUrl.value.webUrl : pool.config.apiUrl)
    for (const line of lines) this.host.notice(stopComplete(report) ? 'info' : 'warn', null, line)
    this.host.snapshotChanged(null)
    if (this.restartAfterStop) {
      this.restartAfterStop = false
      const started = await this.start()
      if (!started.ok) this.host.notice('error', null, started.message)
    }
    return report
  }

  /** Stops timers and streams; containers are left for recovery. */
  async dispose(): Promise<void> {
    this.rediscover?.()
    this.pool?.dispose()
    await this.lock?.release()
  }
}
