// Workflow runs and their jobs. A test queues a job with a shell script; a stand-in runner runs
// it and the script's exit code decides the result, as a real job's steps would. A job can also
// start out `waiting` (held by an environment's protection rule) until a test approves it.
import { jobRepository, type JobTarget } from './scope'

/** The result line the runner prints: `Job X completed with result: <result>`. */
export type JobResult = 'Succeeded' | 'Failed' | 'Canceled'

/** What a test queues. */
export interface JobSpec {
  readonly name: string
  readonly labels: readonly string[]
  /** Shell (busybox sh) the stand-in runs as the job's only step. */
  readonly script: string
  /** Adds the job to an existing run instead of starting a new one. */
  readonly runId?: number
  /** Held by an environment protection rule: no runner gets it until it is approved. */
  readonly waiting?: boolean
  /** The new run's workflow name (default: the job's name); ignored with `runId`. */
  readonly workflowName?: string
  /** The new run's branch (default `main`); ignored with `runId`. */
  readonly headBranch?: string
}

/** GitHub's job statuses the emulator produces. */
export type JobStatus = 'waiting' | 'queued' | 'in_progress' | 'completed'

/** GitHub's run statuses the emulator produces (`workflow-run-status`). */
export type RunStatus = 'waiting' | 'queued' | 'in_progress' | 'completed'

/** A job and where it got to. */
export interface JobRecord {
  readonly id: number
  readonly runId: number
  readonly owner: string
  readonly repo: string
  readonly target: JobTarget
  readonly name: string
  readonly labels: readonly string[]
  readonly script: string
  /** When the job was created (GitHub's `created_at`), waiting or queued. */
  readonly createdAt: number
  /** When it became `queued`: at creation, or when a waiting job was approved. */
  queuedAt: number | null
  status: JobStatus
  conclusion: 'success' | 'failure' | 'cancelled' | null
  result: JobResult | null
  /** Why the emulator ended the job itself (e.g. the runner lost communication). */
  reason: string | null
  runnerId: number | null
  runnerName: string | null
  runnerGroupId: number | null
  runnerGroupName: string | null
  startedAt: number | null
  completedAt: number | null
}

/** A workflow run: a named group of jobs in one repository. */
export interface RunRecord {
  readonly id: number
  readonly owner: string
  readonly repo: string
  /** The workflow's name (`name` and `workflow_name`). */
  readonly name: string
  readonly headBranch: string
  readonly createdAt: number
  readonly jobIds: number[]
}

const CONCLUSION: Record<JobResult, 'success' | 'failure' | 'cancelled'> = {
  Succeeded: 'success',
  Failed: 'failure',
  Canceled: 'cancelled',
}

/** Jobs in queue order and the runs they belong to. */
export class JobStore {
  private readonly jobs = new Map<number, JobRecord>()
  private readonly runs = new Map<number, RunRecord>()
  private nextJobId = 1
  private nextRunId = 1001

  constructor(private readonly now: () => number = Date.now) {}

  /** Queues a job (in a new run unless `spec.runId` names one of the same repository). */
  queue(target: JobTarget, spec: JobSpec): JobRecord {
    const { owner, repo } = jobRepository(target)
    const run = spec.runId === undefined ? undefined : this.runs.get(spec.runId)
    if (spec.runId !== undefined && !run) throw new Error(`No run ${spec.runId}`)
    const theRun =
      run ?? this.newRun(owner, repo, spec.workflowName ?? spec.name, spec.headBranch ?? 'main')
    const createdAt = this.now()
    const job: JobRecord = {
      id: this.nextJobId++,
      runId: theRun.id,
      owner: theRun.owner,
      repo: theRun.repo,
      target,
      name: spec.name,
      labels: [...spec.labels],
      script: spec.script,
      createdAt,
      queuedAt: spec.waiting ? null : createdAt,
      status: spec.waiting ? 'waiting' : 'queued',
      conclusion: null,
      result: null,
      reason: null,
      runnerId: null,
      runnerName: null,
      runnerGroupId: null,
      runnerGroupName: null,
      startedAt: null,
      completedAt: null,
    }
    theRun.jobIds.push(job.id)
    this.jobs.set(job.id, job)
    return job
  }

  /** A job by id. */
  get(id: number): JobRecord | undefined {
    return this.jobs.get(id)
  }

  /** Every job, oldest first. */
  all(): JobRecord[] {
    return [...this.jobs.values()]
  }

  /** Queued jobs, oldest first (the order GitHub hands them out in). */
  queued(): JobRecord[] {
    return this.all().filter((j) => j.status === 'queued')
  }

  /** A run by id within `owner/repo`. */
  run(owner: string, repo: string, id: number): RunRecord | undefined {
    const run = this.runs.get(id)
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
    return run && same(run.owner, owner) && same(run.repo, repo) ? run : undefined
  }

  /** Runs of `owner/repo`, newest first as GitHub lists them. */
  runsOf(owner: string, repo: string): RunRecord[] {
    return [...this.runs.values()]
      .filter((r) => this.run(owner, repo, r.id))
      .sort((a, b) => b.id - a.id)
  }

  /** The jobs of a run. */
  jobsOf(run: RunRecord): JobRecord[] {
    return run.jobIds.map((id) => this.jobs.get(id)).filter((j) => j !== undefined)
  }

  /** Releases a waiting job (its environment's reviewers approved it); false if not waiting. */
  approve(job: JobRecord): boolean {
    if (job.status !== 'waiting') return false
    job.status = 'queued'
    job.queuedAt = this.now()
    return true
  }

  /** Marks a job picked up by a runner. */
  start(
    job: JobRecord,
    runner: { id: number; name: string; groupId: number },
    group: string,
  ): void {
    job.status = 'in_progress'
    job.runnerId = runner.id
    job.runnerName = runner.name
    job.runnerGroupId = runner.groupId
    job.runnerGroupName = group
    job.startedAt = this.now()
  }

  /** Ends a job with the runner's result (or the emulator's, with a reason). */
  complete(job: JobRecord, result: JobResult, reason: string | null = null): void {
    if (job.status === 'completed') return
    job.status = 'completed'
    job.result = result
    job.conclusion = CONCLUSION[result]
    job.reason = reason
    job.completedAt = this.now()
  }

  /** Forgets every job and run. */
  reset(): void {
    this.jobs.clear()
    this.runs.clear()
    this.nextJobId = 1
    this.nextRunId = 1001
  }

  private newRun(owner: string, repo: string, name: string, headBranch: string): RunRecord {
    const run: RunRecord = {
      id: this.nextRunId++,
      owner,
      repo,
      name,
      headBranch,
      createdAt: this.now(),
      jobIds: [],
    }
    this.runs.set(run.id, run)
    return run
  }
}

/**
 * A run's status, from its jobs: `completed` when all are; `in_progress` while one runs; `waiting`
 * while one waits for approval, even if others are queued (docs/github-facts.md, "Demand"); else
 * `in_progress` once one has finished, `queued` before any started.
 */
export function runStatus(jobs: readonly JobRecord[]): RunStatus {
  if (jobs.length > 0 && jobs.every((j) => j.status === 'completed')) return 'completed'
  if (jobs.some((j) => j.status === 'in_progress')) return 'in_progress'
  if (jobs.some((j) => j.status === 'waiting')) return 'waiting'
  if (jobs.some((j) => j.status === 'completed')) return 'in_progress'
  return 'queued'
}

/** A run's conclusion once completed: the worst of its jobs'. */
export function runConclusion(
  jobs: readonly JobRecord[],
): 'success' | 'failure' | 'cancelled' | null {
  if (runStatus(jobs) !== 'completed') return null
  if (jobs.some((j) => j.conclusion === 'failure')) return 'failure'
  if (jobs.some((j) => j.conclusion === 'cancelled')) return 'cancelled'
  return 'success'
}
