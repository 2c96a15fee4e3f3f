// The test's side of the emulator: fault switches, queued jobs, inspection and resets. The same
// object answers in-process calls and the `/_emulator/...` HTTP routes, so both behave alike.
import { randomBytes } from 'node:crypto'
import type { AccountSpec } from './account'
import type { DeviceFlowSettings } from './device-flow'
import type { EmulatorState } from './emulator-state'
import type { ServerErrorStatus } from './faults'
import type { JobRecord, JobResult, JobSpec, JobStatus } from './job-store'
import type { RepoPermission, RepoRecord, RepoVisibility } from './repo-store'
import type { RunnerGroupOptions } from './runner-groups'
import { jobRepository, type Scope, type JobTarget } from './scope'
import type { EmulatorStats } from './stats'
import type { TokenSpec } from './tokens'

/** A job as a test sees it (times in ISO 8601, null until they happen). */
export interface JobView {
  readonly id: number
  readonly runId: number
  readonly owner: string
  readonly repo: string
  readonly name: string
  readonly labels: readonly string[]
  readonly status: JobStatus
  readonly conclusion: 'success' | 'failure' | 'cancelled' | null
  readonly result: JobResult | null
  readonly reason: string | null
  readonly runnerId: number | null
  readonly runnerName: string | null
  readonly runnerGroupId: number | null
  readonly runnerGroupName: string | null
  readonly workflowName: string
  readonly headBranch: string
  readonly createdAt: string
  /** When it became `queued` (creation, or approval of a waiting job); null while waiting. */
  readonly queuedAt: string | null
  readonly startedAt: string | null
  readonly completedAt: string | null
}

/** `setRepo`'s argument (and `POST /_emulator/repos`'s body). */
export interface RepoAdminSpec {
  readonly owner: string
  readonly repo: string
  /** Default for a new repository: `private`. */
  readonly visibility?: RepoVisibility
  /** The signed-in user's role; default for a new repository: `admin`. */
  readonly permission?: RepoPermission
  /** Replaces the workflow files: repository path (`.github/workflows/x.yml`) to YAML text. */
  readonly workflows?: Readonly<Record<string, string>>
}

/** A repository as a test sees it. */
export interface RepoView {
  readonly owner: string
  readonly repo: string
  readonly visibility: RepoVisibility
  readonly permission: RepoPermission
  /** Paths of its workflow files. */
  readonly workflows: readonly string[]
}

/** A runner as a test sees it, deleted registrations included. */
export interface RunnerView {
  readonly id: number
  readonly name: string
  readonly scope: Scope
  readonly groupId: number
  readonly labels: readonly string[]
  readonly status: 'online' | 'offline'
  readonly busy: boolean
  readonly registered: boolean
  readonly version: string | null
  readonly jobId: number | null
  /** Sessions opened with this runner's JIT config; more than one means zombies. */
  readonly sessions: number
  readonly zombieSessions: number
}

/** Every admin operation; the in-process Emulator implements it, `/_emulator` mirrors it. */
export interface EmulatorAdmin {
  /** Milliseconds added to every REST (and OAuth) answer. */
  setLatency(ms: number): void
  /** The next `count` REST requests (under `pathPrefix`) answer a GitHub-style 5xx. */
  failNext(count: number, status?: ServerErrorStatus, pathPrefix?: string): void
  /**
   * Sets every token's budget to `remaining` (default 0) until `resetInSeconds` from now; an
   * exhausted budget answers `status` (GitHub sends 403 or 429; default 403).
   */
  primaryRateLimit(options: {
    remaining?: number
    resetInSeconds: number
    status?: 403 | 429
  }): void
  /** The next `count` REST requests hit a secondary rate limit with `Retry-After`. */
  secondaryRateLimit(options: {
    count: number
    retryAfterSeconds: number
    status?: 403 | 429
  }): void
  /** Revokes one token, or all (unknown tokens are then refused too). */
  revokeToken(token?: string): void
  /** Replaces the registered tokens. */
  setTokens(tokens: readonly TokenSpec[], options?: { acceptUnknownTokens?: boolean }): void
  /** Sets the orgs and repos the user sees. */
  setAccount(spec: AccountSpec): void
  /** Creates or updates a repository (visibility, the user's role, workflow files). */
  setRepo(spec: RepoAdminSpec): RepoView
  /**
   * Adds a runner group to an organization, or updates the one of that name (`Default`
   * included); returns its id.
   */
  addRunnerGroup(org: string, name: string, options?: RunnerGroupOptions): number
  /** Changes the device flow's interval and expiry. */
  setDeviceFlow(settings: Partial<DeviceFlowSettings>): void
  /** The user approves a device code; returns the token the app will receive. */
  approveDevice(userCode: string, token?: string): string
  /** While on, the runner endpoints answer 503 (runners see GitHub as unreachable). */
  setRunnerOutage(on: boolean): void
  /** How long stand-in runners minted from now on wait before opening their session. */
  setRunnerStartupDelay(ms: number): void
  /** Queues a job whose script a stand-in runner will run (or holds it `waiting`); its id. */
  queueJob(target: JobTarget, job: JobSpec): number
  /** Approves a `waiting` job: it becomes `queued` and a runner may take it. */
  approveJob(id: number): void
  /** One job, or undefined. */
  job(id: number): JobView | undefined
  /** Every job, oldest first. */
  jobs(): JobView[]
  /** Every runner, deleted registrations included. */
  runners(): RunnerView[]
  /** REST request counters. */
  stats(): EmulatorStats
  /** Zeroes the counters. */
  resetStats(): void
  /** Back to a fresh emulator (same URL). */
  reset(): void
}

/** An operation on something that does not exist (the HTTP admin API answers 404). */
export class NotFound extends Error {}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())

function jobView(job: JobRecord, state: EmulatorState): JobView {
  const run = state.jobs.run(job.owner, job.repo, job.runId)
  return {
    id: job.id,
    runId: job.runId,
    owner: job.owner,
    repo: job.repo,
    name: job.name,
    labels: job.labels,
    status: job.status,
    conclusion: job.conclusion,
    result: job.result,
    reason: job.reason,
    runnerId: job.runnerId,
    runnerName: job.runnerName,
    runnerGroupId: job.runnerGroupId,
    runnerGroupName: job.runnerGroupName,
    workflowName: run?.name ?? job.name,
    headBranch: run?.headBranch ?? 'main',
    createdAt: new Date(job.createdAt).toISOString(),
    queuedAt: iso(job.queuedAt),
    startedAt: iso(job.startedAt),
    completedAt: iso(job.completedAt),
  }
}

function repoView(repo: RepoRecord): RepoView {
  return {
    owner: repo.owner,
    repo: repo.name,
    visibility: repo.visibility,
    permission: repo.permission,
    workflows: [...repo.files.keys()],
  }
}

/** The admin operations over `state`. */
export function createAdmin(state: EmulatorState): EmulatorAdmin {
  const { dispatcher } = state
  return {
    setLatency: (ms) => void (state.faults.latencyMs = Math.max(0, ms)),
    failNext: (count, status, pathPrefix) => state.faults.failNext(count, status, pathPrefix),
    primaryRateLimit: ({ remaining = 0, resetInSeconds, status }) =>
      state.rateLimits.force(remaining, resetInSeconds, status),
    secondaryRateLimit: (options) => state.faults.secondaryRateLimit(options),
    revokeToken: (token) => state.tokens.revoke(token),
    setTokens: (tokens, options) => state.tokens.set(tokens, options),
    setAccount: (spec) => {
      state.account.set(spec)
      dispatcher.offer()
    },
    setRepo: ({ repo, ...spec }) => {
      const record = state.account.repos.upsert({ ...spec, name: repo })
      dispatcher.offer()
      return repoView(record)
    },
    addRunnerGroup: (org, name, options) => {
      const id = state.account.groups.upsert(org, name, options)
      dispatcher.offer()
      return id
    },
    setDeviceFlow: (settings) =>
      void (state.devices.settings = { ...state.devices.settings, ...settings }),
    approveDevice: (userCode, token = `gho_${randomBytes(18).toString('hex')}`) => {
      const approved = state.devices.approve(userCode, token)
      if (!approved) throw new Error(`No pending device flow with user code ${userCode}`)
      const scopes = approved.scope.split(/[\s,]+/).filter((s) => s !== '')
      state.tokens.add({ token, kind: 'classic', scopes })
      return token
    },
    setRunnerOutage: (on) => void (state.runnerOutage = on),
    setRunnerStartupDelay: (ms) => void (state.runnerStartupDelayMs = Math.max(0, ms)),
    queueJob: (target, job) => {
      const { owner, repo } = jobRepository(target)
      if (!state.account.repos.get(owner, repo)) throw new Error(`No repository ${owner}/${repo}`)
      return dispatcher.queue(target, job).id
    },
    approveJob: (id) => {
      const job = state.jobs.get(id)
      if (!job) throw new NotFound(`No job ${id}`)
      if (!dispatcher.approve(job)) throw new Error(`Job ${id} is ${job.status}, not waiting`)
    },
    job: (id) => {
      dispatcher.sweep()
      const job = state.jobs.get(id)
      return job && jobView(job, state)
    },
    jobs: () => {
      dispatcher.sweep()
      return state.jobs.all().map((j) => jobView(j, state))
    },
    runners: () => {
      dispatcher.sweep()
      return state.runners.all().map((r) => ({
        id: r.id,
        name: r.name,
        scope: r.scope,
        groupId: r.groupId,
        labels: r.labels.map((l) => l.name),
        status: r.registered ? dispatcher.status(r) : 'offline',
        busy: dispatcher.busy(r),
        registered: r.registered,
        version: r.version,
        jobId: r.jobId,
        sessions: r.sessions.length,
        zombieSessions: r.sessions.filter((s) => s.zombie).length,
      }))
    },
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    reset: () => state.reset(),
  }
}
