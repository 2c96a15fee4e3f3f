import type { Clock } from '../../../common/clock'
import type { DisposableStore, Dispose } from '../../../common/disposables'
import { backoffMs } from '../../../common/pool-plan'
import type { GitHubFailure } from '../github/github-failure'
import type { GitHubPort, RepoRef, WorkflowJobInfo } from '../github/github-port'

/** A repository to watch, and the target whose runners serve it. */
export interface WatchedRepo {
  readonly ref: RepoRef
  readonly targetKey: string
}

/** How often repositories are read. */
export interface DemandTiming {
  /** A repository with runs in flight, or active lately: its queue moves by the second. */
  readonly activeMs: number
  /** A quiet repository: conditional requests answered 304 cost no rate limit, but still a call. */
  readonly quietMs: number
  /** How long a repository stays "active" after its last run ended. */
  readonly lingerMs: number
  /** Requests at once, all repositories together (GitHub's secondary limits). */
  readonly concurrency: number
}

/** The defaults: a few seconds when busy, a minute when quiet. */
export const DEFAULT_DEMAND_TIMING: DemandTiming = {
  activeMs: 5_000,
  quietMs: 60_000,
  lingerMs: 120_000,
  concurrency: 2,
}

/** What the watcher knows of one repository. */
interface RepoState {
  readonly watched: WatchedRepo
  nextAt: number
  activeUntil: number
  failures: number
  problem: GitHubFailure | null
  /** Jobs of the runs in flight, by id. */
  jobs: Map<number, WorkflowJobInfo>
  polling: boolean
  /** Poked while a read was under way: that read may predate the news, so read again at once. */
  pokedWhilePolling: boolean
}

/** A repository's demand as the pool and the UI see it. */
export interface RepoDemand {
  readonly ref: RepoRef
  readonly targetKey: string
  readonly jobs: readonly WorkflowJobInfo[]
  /** Why this repository cannot be read right now (it backs off alone). */
  readonly problem: GitHubFailure | null
}

const STATUSES = ['queued', 'in_progress', 'waiting'] as const
/** Runner names remembered as listed on a job (far more than a pool's recent runners). */
const LISTED_RUNNERS_KEPT = 1_000
const key = (ref: RepoRef) => `${ref.owner}/${ref.repo}`.toLowerCase()

/**
 * Reads the jobs that wait for a runner in every watched repository (docs/github-facts.md,
 * Demand): the runs that are queued, in progress or waiting, then their jobs, all with conditional
 * requests, so a quiet repository costs no rate limit. Active repositories are read every few
 * seconds, quiet ones about once a minute; a repository that fails backs off alone.
 */
export class DemandWatcher {
  private readonly repos = new Map<string, RepoState>()
  /** Runners some read listed on a job, oldest first: their news has reached the lists. */
  private readonly listedRunners = new Set<string>()
  private wake: Dispose | null = null
  private inFlight = 0

  constructor(
    private readonly github: () => GitHubPort,
    private readonly clock: Clock,
    private readonly disposables: () => DisposableStore,
    private readonly changed: () => void,
    private readonly timing: DemandTiming = DEFAULT_DEMAND_TIMING,
  ) {}

  /** Watches exactly these repositories (new ones are read at once, dropped ones forgotten). */
  watch(repos: readonly WatchedRepo[]): void {
    const wanted = new Map(repos.map((r) => [key(r.ref), r]))
    for (const k of [...this.repos.keys()]) if (!wanted.has(k)) this.repos.delete(k)
    for (const [k, watched] of wanted) {
      const known = this.repos.get(k)
      if (known && known.watched.targetKey === watched.targetKey) continue
      this.repos.set(k, {
        watched,
        nextAt: this.clock.now(),
        activeUntil: 0,
        failures: 0,
        problem: null,
        jobs: new Map(),
        polling: false,
        pokedWhilePolling: false,
      })
    }
    this.schedule()
  }

  /** Reads the repositories of a target (or all) soon: a runner finished, or the user asked. */
  poke(targetKey?: string): void {
    const now = this.clock.now()
    for (const s of this.repos.values())
      if (targetKey === undefined || s.watched.targetKey === targetKey) {
        s.nextAt = Math.min(s.nextAt, now)
        if (s.polling) s.pokedWhilePolling = true
      }
    this.schedule()
  }

  /** Every watched repository's demand. */
  demand(): RepoDemand[] {
    return [...this.repos.values()].map((s) => ({
      ref: s.watched.ref,
      targetKey: s.watched.targetKey,
      jobs: [...s.jobs.values()],
      problem: s.problem,
    }))
  }

  /**
   * Whether a read has listed a job taken by this runner (kept after the job leaves the lists), so
   * the pool knows whether the queue it reads already shows what that runner took.
   */
  hasListedRunner(runnerName: string): boolean {
    return this.listedRunners.has(runnerName)
  }

  /** The job a runner of ours took, once GitHub lists it (history and the dashboard link to it). */
  jobOfRunner(runnerName: string): { job: WorkflowJobInfo; repo: RepoRef } | null {
    for (const s of this.repos.values())
      for (const job of s.jobs.values())
        if (job.runnerName === runnerName) return { job, repo: s.watched.ref }
    return null
  }

  private schedule(): void {
    this.wake?.()
    this.wake = null
    const due = [...this.repos.values()].filter((s) => !s.polling)
    if (due.length === 0) return
    const at = Math.min(...due.map((s) => s.nextAt))
    this.wake = this.disposables().timeout(this.clock, Math.max(0, at - this.clock.now()), () => {
      this.wake = null
      this.pump()
    })
  }

  private pump(): void {
    const now = this.clock.now()
    const due = [...this.repos.values()]
      .filter((s) => !s.polling && s.nextAt <= now)
      .sort((a, b) => a.nextAt - b.nextAt)
    for (const state of due) {
      if (this.inFlight >= this.timing.concurrency) break
      this.inFlight++
      state.polling = true
      void this.poll(state).finally(() => {
        state.polling = false
        this.inFlight--
        this.pump()
      })
    }
    this.schedule()
  }

  private async poll(state: RepoState): Promise<void> {
    const github = this.github()
    const { ref } = state.watched
    const before = JSON.stringify([...state.jobs.values()].map((j) => [j.id, j.status]))
    const runIds = new Set<number>()
    for (const status of STATUSES) {
      const runs = await github.listRuns(ref, status)
      if (!runs.ok) return this.failed(state, runs.error)
      for (const run of runs.value.value) runIds.add(run.id)
    }
    // Runs that left the lists are read once more, for their jobs' final state.
    for (const job of state.jobs.values()) runIds.add(job.runId)
    const jobs = new Map<number, WorkflowJobInfo>()
    for (const runId of runIds) {
      const listed = await github.listRunJobs(ref, runId)
      if (!listed.ok) {
        if (listed.error.kind === 'not-found') continue
        return this.failed(state, listed.error)
      }
      const active = listed.value.value.some((j) => j.status !== 'completed')
      for (const job of listed.value.value)
        if (active || state.jobs.has(job.id)) jobs.set(job.id, job)
    }
    for (const job of jobs.values()) if (job.runnerName) this.rememberListed(job.runnerName)
    // Completed jobs are kept one more round, so history can read them, then dropped.
    for (const [id, job] of jobs)
      if (job.status === 'completed' && state.jobs.get(id)?.status === 'completed') jobs.delete(id)
    const now = this.clock.now()
    const active = [...jobs.values()].some((j) => j.status !== 'completed')
    state.jobs = jobs
    state.failures = 0
    const hadProblem = state.problem !== null
    state.problem = null
    if (active) state.activeUntil = now + this.timing.lingerMs
    state.nextAt = state.pokedWhilePolling
      ? now
      : now + (active || now < state.activeUntil ? this.timing.activeMs : this.timing.quietMs)
    state.pokedWhilePolling = false
    const after = JSON.stringify([...jobs.values()].map((j) => [j.id, j.status]))
    if (after !== before || hadProblem) this.changed()
  }

  private rememberListed(runnerName: string): void {
    if (this.listedRunners.has(runnerName)) return
    this.listedRunners.add(runnerName)
    if (this.listedRunners.size > LISTED_RUNNERS_KEPT)
      this.listedRunners.delete(this.listedRunners.values().next().value!)
  }

  private failed(state: RepoState, failure: GitHubFailure): void {
    state.pokedWhilePolling = false
    state.failures++
    state.problem = failure
    state.nextAt =
      this.clock.now() + Math.max(this.timing.activeMs, backoffMs(state.failures, 5_000, 600_000))
    this.changed()
  }

  /** Stops reading (the pool stopped). */
  stop(): void {
    this.wake?.()
    this.wake = null
    this.repos.clear()
  }
}
