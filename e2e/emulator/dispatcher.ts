// Hands queued jobs to polling runners and keeps registrations honest about who is connected,
// following GitHub's rules (docs/github-facts.md): a job goes to the oldest-waiting runner whose labels
// cover all of the job's and whose group may serve its repository; a `waiting` job goes to no one
// until approved; an ephemeral runner's registration is deleted after its job; a busy runner that
// stops heart-beating loses its job; a reused JIT config gets a zombie session.
import type { JobRecord, JobResult, JobSpec, JobStore } from './job-store'
import {
  runnerStatus,
  type RunnerRecord,
  type RunnerSession,
  type RunnerStore,
} from './runner-store'
import { scopeServes, type JobTarget } from './scope'

/** What a long poll answers. */
export type PollAnswer =
  | { readonly kind: 'none' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'ended' }
  | { readonly kind: 'job'; readonly job: JobRecord }

/** Timing the dispatcher works to. */
export interface DispatchTiming {
  /** A session not heard from for this long is offline. */
  readonly offlineAfterMs: number
  /** How long a poll waits for a job before answering `none`. */
  readonly longPollMs: number
}

/** What the dispatcher asks the rest of the emulator about runners. */
export interface DispatchPolicy {
  /** The name of a runner's group (a job records it when the runner takes it). */
  groupName(runner: RunnerRecord): string
  /** Whether the runner's group may serve the job's repository (org runner groups' rules). */
  groupServes(runner: RunnerRecord, job: JobRecord): boolean
}

interface Waiter {
  readonly runner: RunnerRecord
  readonly session: RunnerSession
  readonly finish: (answer: PollAnswer) => void
}

const NONE: PollAnswer = { kind: 'none' }

/** The runner side of the service: sessions, polls, heartbeats and job completion. */
export class Dispatcher {
  private waiters: Waiter[] = []

  constructor(
    private readonly runners: RunnerStore,
    private readonly jobs: JobStore,
    private readonly timing: DispatchTiming,
    private readonly policy: DispatchPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens a session for the runner holding `secret`, unless its registration is gone. */
  createSession(secret: string, version: string | null): RunnerSession | 'deleted' {
    this.sweep()
    const runner = this.runners.bySecret(secret)
    if (!runner || !runner.registered) return 'deleted'
    if (version) runner.version = version
    return this.runners.openSession(runner)
  }

  /** Waits up to `longPollMs` for a job; `signal` ends the wait when the runner hangs up. */
  poll(sessionId: string, signal: AbortSignal): Promise<PollAnswer> {
    this.sweep()
    const found = this.runners.session(sessionId)
    if (!found) return Promise.resolve({ kind: 'deleted' })
    const { runner, session } = found
    session.lastSeenAt = this.now()
    if (session.ended)
      return Promise.resolve(runner.registered ? { kind: 'ended' } : { kind: 'deleted' })
    if (!session.zombie) {
      const current = runner.jobId === null ? undefined : this.jobs.get(runner.jobId)
      if (current?.status === 'in_progress') return Promise.resolve({ kind: 'job', job: current })
      const job = this.match(runner)
      if (job) return Promise.resolve(this.assign(runner, job))
    }
    return this.wait(runner, session, signal)
  }

  /** Keeps a busy runner online; `cancelled` tells it the job is no longer its own. */
  heartbeat(sessionId: string, jobId: number): 'ok' | 'cancelled' | 'deleted' {
    this.sweep()
    const found = this.runners.session(sessionId)
    if (!found) return 'deleted'
    found.session.lastSeenAt = this.now()
    const job = this.jobs.get(jobId)
    const ours = job?.status === 'in_progress' && job.runnerId === found.runner.id
    return ours && !found.session.ended ? 'ok' : 'cancelled'
  }

  /** The runner reports its job's result; GitHub then deletes the ephemeral registration. */
  complete(sessionId: string, jobId: number, result: JobResult): 'ok' | 'deleted' {
    this.sweep()
    const found = this.runners.session(sessionId)
    if (!found) return 'deleted'
    const { runner, session } = found
    session.lastSeenAt = this.now()
    const job = this.jobs.get(jobId)
    if (job?.status === 'in_progress' && job.runnerId === runner.id) {
      this.jobs.complete(job, result)
      runner.jobId = null
      this.deleteRunner(runner)
    }
    return 'ok'
  }

  /** The runner process says goodbye (SIGTERM): its session ends and it goes offline at once. */
  endSession(sessionId: string): void {
    const found = this.runners.session(sessionId)
    if (!found) return
    found.session.ended = true
    for (const waiter of this.waiters.filter((w) => w.session === found.session)) {
      waiter.finish({ kind: 'ended' })
    }
  }

  /** Queues a job and hands it to a waiting runner if one fits. */
  queue(target: JobTarget, spec: JobSpec): JobRecord {
    const job = this.jobs.queue(target, spec)
    this.offer()
    return job
  }

  /** Releases a waiting job (approved) and hands it to a waiting runner if one fits. */
  approve(job: JobRecord): boolean {
    if (!this.jobs.approve(job)) return false
    this.offer()
    return true
  }

  /** Offers queued jobs to waiting runners again (after a change to who may take what). */
  offer(): void {
    for (const waiter of [...this.waiters]) {
      const { runner, session } = waiter
      if (session.zombie || session.ended || !runner.registered || runner.jobId !== null) continue
      const job = this.match(runner)
      if (job) waiter.finish(this.assign(runner, job))
    }
  }

  /** Deletes a registration; its (non-zombie) pollers learn at once. */
  deleteRunner(runner: RunnerRecord): void {
    this.runners.unregister(runner)
    for (const waiter of this.waiters.filter((w) => w.runner === runner && !w.session.zombie)) {
      waiter.finish({ kind: 'deleted' })
    }
  }

  /** GitHub's `status` of a registration right now. */
  status(runner: RunnerRecord): 'online' | 'offline' {
    return runnerStatus(runner, this.now(), this.timing.offlineAfterMs)
  }

  /** GitHub's `busy`: the runner holds a job in progress. */
  busy(runner: RunnerRecord): boolean {
    return runner.jobId !== null
  }

  /** Fails the jobs of busy runners that went offline; they stay registered, offline, idle. */
  sweep(): void {
    for (const runner of this.runners.all()) {
      if (!runner.registered || runner.jobId === null || this.status(runner) === 'online') continue
      const job = this.jobs.get(runner.jobId)
      if (job) {
        const reason = `The self-hosted runner: ${runner.name} lost communication with the server.`
        this.jobs.complete(job, 'Failed', reason)
      }
      runner.jobId = null
      for (const session of runner.sessions) if (!session.zombie) session.ended = true
    }
  }

  /** Answers every open poll with `none` (the server is closing). */
  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.finish(NONE)
  }

  private wait(
    runner: RunnerRecord,
    session: RunnerSession,
    signal: AbortSignal,
  ): Promise<PollAnswer> {
    return new Promise((resolve) => {
      let done = false
      const finish = (answer: PollAnswer): void => {
        if (done) return
        done = true
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.waiters = this.waiters.filter((w) => w !== waiter)
        session.openPolls -= 1
        session.lastSeenAt = this.now()
        resolve(answer)
      }
      const onAbort = (): void => finish(NONE)
      const timer = setTimeout(() => finish(NONE), this.timing.longPollMs)
      const waiter: Waiter = { runner, session, finish }
      session.openPolls += 1
      this.waiters.push(waiter)
      if (signal.aborted) finish(NONE)
      else signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  private match(runner: RunnerRecord): JobRecord | undefined {
    if (!runner.registered || runner.jobId !== null) return undefined
    const labels = new Set(runner.labels.map((l) => l.name.toLowerCase()))
    return this.jobs
      .queued()
      .find(
        (job) =>
          scopeServes(runner.scope, job.owner, job.repo) &&
          job.labels.every((label) => labels.has(label.toLowerCase())) &&
          this.policy.groupServes(runner, job),
      )
  }

  private assign(runner: RunnerRecord, job: JobRecord): PollAnswer {
    runner.jobId = job.id
    this.jobs.start(job, runner, this.policy.groupName(runner))
    return { kind: 'job', job }
  }
}
