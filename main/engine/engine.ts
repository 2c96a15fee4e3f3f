import type {
  ActionResult,
  AppState,
  EngineApi,
  EventName,
  EventPayload,
  SettingsResult,
  TokenState,
} from '../../common/contract'
import { Emitter } from '../../common/emitter'
import { isAllowedExternalUrl } from '../../common/external-links'
import type { PoolSnapshot } from '../../common/pool-status'
import { SecretRegistry } from '../../common/redact'
import type { Settings } from '../../common/settings'
import type { StopReport } from '../../common/stop-report'
import { exportArcFiles, saveArcExport, type ArcExportSource } from './arc/saved-arc-export'
import type { EngineDeps } from './engine-deps'
import { TokenControl } from './engine-token'
import { CacheControl } from './cache-control'
import { DiscoveryControl } from './discovery-control'
import { JobLedger } from './engine-jobs'
import { targetLookups } from './engine-lookups'
import type { JobRecord } from '../../common/job-record'
import type { GitHubSession } from './github/github-session'
import { HealthChecks } from './health/health-checks'
import { JobLinks } from './job-links'
import { LogStore } from './logs/log-store'
import { PoolControl } from './pool-control'
import { GOAL_FIELDS, RESTART_FIELDS } from './pool-goal'
import { checkSettingsAtSave } from './settings-check'
import { applySettingsPatch } from './settings-issue'
import { stoppedSnapshot } from './stopped-snapshot'
import type { LoadedSettings } from './settings/settings-store'

export type { EngineDeps, EngineServices, HostedEngine } from './engine-deps'

type EngineEvents = { [E in EventName]: EventPayload<E> }

/**
 * The engine behind every UI: settings, the token, the pool and logs, served through the contract.
 * Hosts (Electron IPC, headless WebSocket, the CLI) call these methods; nothing here knows which.
 */
export class Engine extends Emitter<EngineEvents> implements EngineApi {
  private settingsValue!: LoadedSettings
  private settingsWarning: string | null = null
  readonly secrets = new SecretRegistry()
  readonly logs = new LogStore(this.secrets.redact)
  readonly token: TokenControl
  readonly discovery: DiscoveryControl
  readonly jobs = new JobLedger()
  private readonly pool: PoolControl
  private crashCleanup: { dispose(): void } | null = null
  private readonly health: HealthChecks
  private readonly links = new JobLinks()
  private readonly caches: CacheControl

  private constructor(readonly deps: EngineDeps) {
    super()
    this.token = new TokenControl(this, deps.tokens)
    this.health = new HealthChecks({
      docker: deps.docker,
      now: () => deps.clock.now(),
      settings: () => this.settingsValue,
      token: () =>
        this.token.state.present ? this.token.refresh(true) : Promise.resolve(this.token.state),
    })
    this.discovery = new DiscoveryControl(deps.clock)
    this.caches = new CacheControl(
      deps.docker,
      () => this.settingsValue,
      (sizes) => this.metrics.targetCacheSizes(sizes),
    )
    this.pool = new PoolControl({
      deps,
      secrets: this.secrets,
      logs: this.logs,
      discovery: this.discovery,
      settings: () => this.settingsValue,
      notice: (level, runner, message) => this.notice(level, runner, message),
      snapshotChanged: (snapshot) =>
        this.emit('snapshot', snapshot ? this.decorate(snapshot) : this.snapshot()),
      jobFinished: (record) => void this.jobFinished(record),
      dockerErrored: (kind) => this.metrics.dockerError(kind),
      gitHubAnswered: (route, status, remaining) => {
        this.metrics.gitHubRequest(route, status)
        if (remaining !== null) this.metrics.rateLimitRemaining(remaining)
      },
    })
    const lookups = targetLookups({
      tokens: deps.tokens,
      apiUrl: () => this.settingsValue.apiUrl,
      discovery: this.discovery,
      now: () => deps.clock.now(),
      discovered: () => {
        if (this.pool.current && this.settingsValue.discoverRepositories) this.pool.applyGoal()
      },
    })
    this.logs.subscribe(null, (entries) => this.emit('logs', [...entries]))
    this.suggestTargets = lookups.suggestTargets
    this.discoverTargets = lookups.discoverTargets
    this.on('snapshot', (s) => this.jobs.observe(s))
    // A stopped pool's health shows the token check: refresh it when the token changes.
    this.on('token', () => {
      if (!this.pool.current) this.emit('snapshot', this.snapshot())
    })
  }

  /** Loads settings and the token state; starts the pool if the user left it running. */
  static async create(deps: EngineDeps): Promise<Engine> {
    const engine = new Engine(deps)
    engine.crashCleanup = deps.crashGuard?.protect(() => engine.stopAndWait('now')) ?? null
    const loaded = await deps.settings.load()
    engine.settingsValue = loaded.settings
    engine.settingsWarning = loaded.warning
    await engine.jobs.open(deps.configDir, deps.clock, loaded.settings)
    await engine.token.refresh(false)
    // Whose token it is needs GitHub: ask in the background so a slow network never delays start.
    void engine.token.refresh(true).catch(() => {})
    const s = loaded.settings
    if (s.runOnLaunch && (s.targets.length > 0 || s.discoverRepositories)) void engine.start()
    // A dashboard shows Docker and the image as they are, before any token or pool.
    if (deps.host !== 'cli') void engine.checkHealth().catch(() => {})
    return engine
  }

  /** Current settings. */
  get settings(): LoadedSettings {
    return this.settingsValue
  }

  /** Whether a pool is running (the tray shows it). */
  get isRunning(): boolean {
    return this.pool.current !== null
  }

  // ---- the contract ---------------------------------------------------------------------------

  getState = async (): Promise<AppState> => ({
    snapshot: this.snapshot(),
    settings: this.settingsValue,
    settingsWarning: this.settingsWarning,
    token: this.token.state,
    deviceFlow: this.token.deviceFlow,
    host: this.deps.host,
    version: this.deps.version,
  })

  start = (): Promise<ActionResult> => this.pool.start()

  stop = async ({ mode }: { mode: 'drain' | 'now' }): Promise<ActionResult> => {
    void this.pool.stop(mode)
    return { ok: true }
  }

  /** Stops the pool and resolves with what is left (null when none ran): quit and Ctrl-C wait on it. */
  stopAndWait(mode: 'drain' | 'now'): Promise<StopReport | null> {
    return this.pool.stop(mode)
  }

  /** Fixed mode's runners per target (the slider). */
  setDesired = async ({ count }: { count: number }): Promise<ActionResult> =>
    this.updateSettings({ patch: { desiredRunners: count } })

  retry = async (): Promise<ActionResult> => {
    await this.pool.current?.retry()
    await this.token.refresh(true)
    return { ok: true }
  }

  updateSettings = async ({ patch }: { patch: Partial<Settings> }): Promise<SettingsResult> => {
    const change = applySettingsPatch(this.settingsValue, patch)
    if (!change.ok) return change
    const { next, changed } = change
    const checked = await checkSettingsAtSave(this.deps.docker, next, {
      image: changed('image'),
      networkMode: changed('networkMode'),
    })
    if (!checked.ok) return checked
    const restart = RESTART_FIELDS.some(changed)
    const goal = GOAL_FIELDS.some(changed)
    const saved = await this.saveSettings(next)
    if (!saved.ok) return saved
    this.token.settingsChanged()
    if (patch.apiUrl !== undefined || patch.targets !== undefined) await this.token.refresh(true)
    if (changed('cacheLimitGb')) void this.caches.enforceCap()
    if (this.pool.current && restart) {
      this.notice('info', null, 'Restarting with the new settings once running jobs finish.')
      void this.pool.restart()
    } else if (this.pool.current && goal) this.pool.applyGoal()
    else if (!this.pool.current) this.emit('snapshot', this.snapshot())
    if (changed('historyDays') || changed('historyMaxJobs'))
      void this.jobs.retain(next).then((problem) => problem && this.notice('warn', null, problem))
    void this.checkHealth().catch(() => {})
    return { ok: true, notes: checked.notes }
  }

  checkHealth = async (): Promise<PoolSnapshot> => {
    await this.health.check()
    const snapshot = this.snapshot()
    this.emit('snapshot', snapshot)
    return snapshot
  }

  saveToken = async ({ token }: { token: string }) => this.token.save(token)
  removeToken = async (): Promise<ActionResult> =>
    this.pool.current
      ? {
          ok: false,
          message:
            'Stop the pool before removing the token: RunnerDock needs it to remove its runners from GitHub.',
        }
      : this.token.remove()
  checkToken = async (): Promise<TokenState> => this.token.refresh(true)
  startDeviceFlow = async () => this.token.startDeviceFlow()
  cancelDeviceFlow = async () => this.token.cancelDeviceFlow()

  readonly suggestTargets: EngineApi['suggestTargets']
  readonly discoverTargets: EngineApi['discoverTargets']

  listJobs = (input: { since?: number | undefined; limit?: number | undefined }) =>
    this.jobs.list(input)

  /** A job ran here and is over: kept in the history (on disk before anyone is told), counted. */
  private async jobFinished(record: JobRecord): Promise<void> {
    const problem = await this.jobs.finished(record)
    if (problem) this.notice('warn', null, problem)
    this.emit('job', record)
  }

  /** The Prometheus registry (the `/metrics` endpoints read it). */
  get metrics() {
    return this.jobs.metrics
  }

  exportArc = () => exportArcFiles(this.arcSource())
  saveArcExport = () => saveArcExport(this.arcSource(), this.deps.chooseFolder)
  private arcSource = (): ArcExportSource => ({
    settings: this.settingsValue,
    discovery: this.discovery,
    tokens: this.deps.tokens,
  })

  readLogs = async (input: {
    runner: string | null
    afterSeq?: number | undefined
    limit?: number | undefined
  }) => ({
    entries: this.logs.read(input.runner, {
      ...(input.afterSeq !== undefined ? { afterSeq: input.afterSeq } : {}),
      limit: input.limit ?? 20_000,
    }),
    sources: this.logs.sources(),
  })

  listCaches = () => this.caches.list()
  clearCaches = ({ target }: { target?: string | undefined }) => this.caches.clear(target)

  openExternal = async ({ url }: { url: string }): Promise<ActionResult> => {
    if (!isAllowedExternalUrl(url, this.settingsValue.apiUrl))
      return { ok: false, message: 'RunnerDock only opens GitHub pages.' }
    if (!this.deps.openExternal) return { ok: false, message: 'Open it from the browser.' }
    await this.deps.openExternal(url)
    return { ok: true }
  }

  openLogs = async ({ runner }: { runner: string | null }): Promise<ActionResult> => {
    if (!this.deps.openLogs)
      return { ok: false, message: 'The log viewer opens in this page: use the Logs tab.' }
    this.deps.openLogs(runner)
    return { ok: true }
  }

  // ---- for hosts ------------------------------------------------------------------------------

  /** Saves settings and tells every UI. */
  async saveSettings(next: LoadedSettings): Promise<ActionResult> {
    const saved = await this.deps.settings.save(next)
    if (!saved.ok) return { ok: false, message: saved.error.message }
    this.settingsValue = next
    this.emit('settings', { settings: next, warning: this.settingsWarning })
    return { ok: true }
  }

  /** Tells every UI something (redacted). */
  notice(level: 'info' | 'warn' | 'error', runner: string | null, message: string): void {
    const time = this.deps.clock.now()
    this.emit('notice', { time, level, runner, message: this.secrets.redact(message) })
  }

  /** A new token was saved: a running pool switches to it. */
  async onTokenChanged(session: GitHubSession | null): Promise<void> {
    if (session) this.secrets.add(session.secret)
    if (this.pool.current && session) await this.pool.current.useGitHub(session.github)
  }

  /** The pool's snapshot, or a stopped pool's view built from settings. */
  snapshot(): PoolSnapshot {
    const running = this.pool.current
    if (running) return this.decorate(running.snapshot())
    return this.decorate(
      stoppedSnapshot(this.settingsValue, this.discovery.repos, this.pool, this.token.state),
    )
  }

  /** Adds what the engine knows beside the pool: fresher health checks, run links of gone runners. */
  private decorate(snapshot: PoolSnapshot): PoolSnapshot {
    return this.health.apply(this.links.fill(snapshot), this.token.state)
  }

  /** Stops streams and timers; containers are left for recovery (stopAndWait first to clean up). */
  async dispose(): Promise<void> {
    this.crashCleanup?.dispose()
    this.token.cancelDeviceFlow()
    await this.pool.dispose()
    await this.jobs.close()
  }
}
