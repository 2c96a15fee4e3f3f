import type {
  ActionResult,
  AppState,
  EngineApi,
  EventName,
  EventPayload,
  TokenState,
} from '../../common/contract'
import { Emitter } from '../../common/emitter'
import type { PoolSnapshot } from '../../common/pool-status'
import { SecretRegistry } from '../../common/redact'
import type { Result } from '../../common/result'
import { settingsSchema, type Settings } from '../../common/settings'
import { parseApiUrl } from '../../common/target'
import type { DockerFailure, DockerPort } from './docker/docker-port'
import { openGitHubSession, type GitHubSession } from './github/github-session'
import { LogStore } from './logs/log-store'
import { acquirePoolLock, type PoolLock } from './pool-lock'
import { initialHealth, tokenHealth } from './pool/pool-health'
import { Pool, type PoolConfig } from './pool/pool'
import type { TokenStore } from './secrets/token-store-port'
import type { LoadedSettings, SettingsStore } from './settings/settings-store'
import { TokenControl } from './engine-token'

/** What the engine is built from: real adapters in the app, the same real adapters in tests. */
export interface EngineDeps {
  readonly settings: SettingsStore
  readonly tokens: TokenStore
  readonly docker: () => Promise<Result<{ port: DockerPort; description: string }, DockerFailure>>
  readonly configDir: string
  readonly host: AppState['host']
  readonly version: string
  /** Opens a URL in the system browser; absent in headless mode (the browser opens it itself). */
  readonly openExternal?: (url: string) => Promise<void>
  /** Opens the log viewer window; absent in headless mode (the page shows `#logs` itself). */
  readonly openLogs?: (runner: string | null) => void
  /** Test and bench knobs merged into every pool's config. */
  readonly poolTuning?: Partial<PoolConfig>
}

type EngineEvents = { [E in EventName]: EventPayload<E> }

const POOL_FIELDS = [
  'apiUrl',
  'target',
  'labels',
  'runnerGroup',
  'image',
  'cpus',
  'memoryMb',
  'networkMode',
  'dockerAccess',
] as const

/**
 * The engine behind every UI: settings, the token, the pool and logs, served through the contract.
 * Hosts (Electron IPC, headless WebSocket) validate payloads and call these methods; nothing here
 * knows which host is calling.
 */
export class Engine extends Emitter<EngineEvents> implements EngineApi {
  private settingsValue!: LoadedSettings
  private settingsWarning: string | null = null
  private pool: Pool | null = null
  private lock: PoolLock | null = null
  private lastSnapshot: PoolSnapshot | null = null
  private restartAfterStop = false
  readonly secrets = new SecretRegistry()
  readonly logs = new LogStore(this.secrets.redact)
  readonly token: TokenControl

  private constructor(readonly deps: EngineDeps) {
    super()
    this.token = new TokenControl(this, deps.tokens)
    this.logs.subscribe(null, (entries) => this.emit('logs', [...entries]))
    // A stopped pool's health shows the token check: refresh it when the token changes.
    this.on('token', () => {
      if (!this.pool) this.emit('snapshot', this.snapshot())
    })
  }

  /** Loads settings and the token state; starts the pool if the user left it running. */
  static async create(deps: EngineDeps): Promise<Engine> {
    const engine = new Engine(deps)
    const loaded = await deps.settings.load()
    engine.settingsValue = loaded.settings
    engine.settingsWarning = loaded.warning
    await engine.token.refresh(false)
    // Whose token it is needs GitHub: ask in the background so a slow network never delays start.
    void engine.token.refresh(true).catch(() => {})
    if (loaded.settings.runOnLaunch && loaded.settings.target) void engine.start()
    return engine
  }

  /** Current settings. */
  get settings(): LoadedSettings {
    return this.settingsValue
  }

  /** Whether a pool is running (the tray shows it). */
  get isRunning(): boolean {
    return this.pool !== null
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

  start = async (): Promise<{ ok: true } | { ok: false; message: string }> => {
    if (this.pool) return { ok: true }
    const s = this.settingsValue
    if (!s.target)
      return { ok: false, message: 'Choose a repository or organization in Settings first.' }
    const session = await openGitHubSession(this.deps.tokens, s.apiUrl, (n) =>
      this.notice(
        'warn',
        null,
        `GitHub rate limit (${n.kind}): waiting ${n.retryAfterSeconds} s as GitHub asks.`,
      ),
    )
    if (!session.ok) return { ok: false, message: session.error.message }
    const docker = await this.deps.docker()
    if (!docker.ok) return { ok: false, message: docker.error.message }
    const lock = await acquirePoolLock(this.deps.configDir)
    if (!lock.ok) return { ok: false, message: lock.error }
    this.lock = lock.value
    this.secrets.add(session.value.secret)
    const pool = new Pool(this.poolConfig(s), {
      docker: docker.value.port,
      github: session.value.github,
      logs: this.logs,
      secrets: this.secrets,
    })
    this.pool = pool
    pool.on('snapshot', (snapshot) => {
      this.lastSnapshot = snapshot
      this.emit('snapshot', snapshot)
    })
    pool.on('notice', (n) => this.emit('notice', { ...n, message: this.secrets.redact(n.message) }))
    await pool.start(s.desiredRunners)
    return { ok: true }
  }

  stop = async ({ mode }: { mode: 'drain' | 'now' }) => {
    const pool = this.pool
    if (!pool) return { ok: true as const }
    void pool.stop(mode).then(async (report) => {
      if (report.pendingRegistrations.length > 0) {
        this.notice(
          'warn',
          null,
          `GitHub still holds ${report.pendingRegistrations.length} registration(s) as busy; RunnerDock removes them next time it starts.`,
        )
      }
      if (this.pool === pool) {
        this.lastSnapshot = pool.snapshot()
        pool.dispose()
        this.pool = null
        await this.lock?.release()
        this.lock = null
        this.emit('snapshot', this.snapshot())
      }
      if (this.restartAfterStop) {
        this.restartAfterStop = false
        const started = await this.start()
        if (!started.ok) this.notice('error', null, started.message)
      }
    })
    return { ok: true as const }
  }

  /** Resolves when the pool has fully stopped (quit waits on this). */
  async stopAndWait(mode: 'drain' | 'now'): Promise<void> {
    const pool = this.pool
    if (!pool) return
    await new Promise<void>((resolve) => {
      const off = this.on('snapshot', () => {
        if (this.pool === null) {
          off()
          resolve()
        }
      })
      void this.stop({ mode })
    })
  }

  setDesired = async ({ count }: { count: number }) => {
    const capped = Math.min(count, this.settingsValue.maxRunners)
    const saved = await this.saveSettings({ ...this.settingsValue, desiredRunners: capped })
    if (!saved.ok) return saved
    this.pool?.setDesired(capped)
    if (!this.pool) this.emit('snapshot', this.snapshot())
    return { ok: true as const }
  }

  retry = async () => {
    if (this.pool) await this.pool.retry()
    await this.token.refresh(true)
    return { ok: true as const }
  }

  updateSettings = async ({ patch }: { patch: Partial<Settings> }) => {
    const merged = settingsSchema.safeParse({ ...this.settingsValue, ...patch })
    if (!merged.success)
      return { ok: false as const, message: merged.error.issues[0]?.message ?? 'Invalid settings.' }
    const next = { ...merged.data, installationId: this.settingsValue.installationId }
    if (patch.apiUrl !== undefined && !parseApiUrl(patch.apiUrl).ok)
      return { ok: false as const, message: 'The API URL is not valid.' }
    next.desiredRunners = Math.min(next.desiredRunners, next.maxRunners)
    const poolChanged = POOL_FIELDS.some(
      (f) => JSON.stringify(this.settingsValue[f]) !== JSON.stringify(next[f]),
    )
    const saved = await this.saveSettings(next)
    if (!saved.ok) return saved
    if (patch.apiUrl !== undefined || patch.target !== undefined) await this.token.refresh(true)
    if (this.pool && poolChanged) {
      // The pool's config is fixed for its life: drain it and start one with the new settings.
      this.restartAfterStop = true
      await this.stop({ mode: 'drain' })
      this.notice(
        'info',
        null,
        'Settings saved. The pool restarts with them once running jobs finish.',
      )
    } else if (this.pool) this.pool.setDesired(next.desiredRunners)
    else this.emit('snapshot', this.snapshot())
    return { ok: true as const }
  }

  saveToken = async ({ token }: { token: string }) => this.token.save(token)
  removeToken = async () =>
    this.pool
      ? {
          ok: false as const,
          message:
            'Stop the pool before removing the token: RunnerDock needs it to remove its runners from GitHub.',
        }
      : this.token.remove()
  checkToken = async (): Promise<TokenState> => this.token.refresh(true)
  startDeviceFlow = async () => this.token.startDeviceFlow()
  cancelDeviceFlow = async () => this.token.cancelDeviceFlow()

  suggestTargets = async () => {
    const session = await openGitHubSession(this.deps.tokens, this.settingsValue.apiUrl)
    if (!session.ok) return { ok: false as const, message: session.error.message }
    const listed = await session.value.github.listAdminTargets()
    if (!listed.ok) return { ok: false as const, message: listed.error.message }
    return {
      ok: true as const,
      targets: listed.value.map((target) => ({
        target,
        label:
          target.kind === 'repo'
            ? `${target.owner}/${target.repo}`
            : `${target.org} (organization)`,
      })),
    }
  }

  readLogs = async ({
    runner,
    afterSeq,
    limit,
  }: {
    runner: string | null
    afterSeq?: number | undefined
    limit?: number | undefined
  }) => ({
    entries: this.logs.read(runner, {
      ...(afterSeq !== undefined ? { afterSeq } : {}),
      limit: limit ?? 20_000,
    }),
    sources: this.logs.sources(),
  })

  openExternal = async ({ url }: { url: string }) => {
    if (!this.isAllowedExternal(url))
      return { ok: false as const, message: 'RunnerDock only opens GitHub pages.' }
    if (!this.deps.openExternal) return { ok: false as const, message: 'Open it from the browser.' }
    await this.deps.openExternal(url)
    return { ok: true as const }
  }

  openLogs = async ({ runner }: { runner: string | null }) => {
    if (!this.deps.openLogs)
      return { ok: false as const, message: 'The log viewer opens in this page: use the Logs tab.' }
    this.deps.openLogs(runner)
    return { ok: true as const }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** Whether a URL is a GitHub page of the configured host (external links go nowhere else). */
  isAllowedExternal(url: string): boolean {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return false
    }
    const api = parseApiUrl(this.settingsValue.apiUrl)
    const allowed = new Set(['github.com', 'docs.github.com'])
    if (api.ok) allowed.add(new URL(api.value.webUrl).host)
    return (
      (parsed.protocol === 'https:' ||
        (parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1')) &&
      allowed.has(parsed.host)
    )
  }

  /** Saves settings and tells every UI. */
  async saveSettings(next: LoadedSettings): Promise<ActionResult> {
    const saved = await this.deps.settings.save(next)
    if (!saved.ok) return { ok: false, message: saved.error.message }
    this.settingsValue = next
    this.emit('settings', { settings: next, warning: this.settingsWarning })
    return { ok: true }
  }

  /** Tells every UI something. */
  notice(level: 'info' | 'warn' | 'error', runner: string | null, message: string): void {
    this.emit('notice', { time: Date.now(), level, runner, message: this.secrets.redact(message) })
  }

  /** A new token was saved: a running pool switches to it. */
  async onTokenChanged(session: GitHubSession | null): Promise<void> {
    if (session) this.secrets.add(session.secret)
    if (this.pool && session) await this.pool.useGitHub(session.github)
  }

  /** The pool's snapshot, or a stopped pool's view built from settings. */
  snapshot(): PoolSnapshot {
    if (this.pool) return this.pool.snapshot()
    const s = this.settingsValue
    return {
      running: false,
      stopping: 'no',
      target: s.target,
      apiUrl: s.apiUrl,
      desired: s.desiredRunners,
      maxRunners: s.maxRunners,
      runners: [],
      recent: this.lastSnapshot?.recent ?? [],
      health: {
        ...(this.lastSnapshot?.health ?? initialHealth()),
        token: tokenHealth(this.token.state.check, this.token.state.present),
      },
      blocked: null,
      imagePull: null,
      version: (this.lastSnapshot?.version ?? 0) + 1,
    }
  }

  private poolConfig(s: Settings & { installationId: string }): PoolConfig {
    return {
      installationId: s.installationId,
      target: s.target!,
      apiUrl: s.apiUrl,
      labels: s.labels,
      runnerGroup: s.runnerGroup,
      image: s.image,
      cpus: s.cpus,
      memoryMb: s.memoryMb,
      networkMode: s.networkMode,
      dockerAccess: s.dockerAccess,
      maxRunners: s.maxRunners,
      ...this.deps.poolTuning,
    }
  }

  /** Stops streams and timers; containers are left for recovery (use stopAndWait first to clean up). */
  async dispose(): Promise<void> {
    this.token.cancelDeviceFlow()
    this.pool?.dispose()
    await this.lock?.release()
  }
}
