import { localJobId, makeJobRecord, resultFromConclusion, type JobRecord } from './job-record'
import type { RunnerJob } from './runner-machine'

/**
 * The two ways a finished job becomes a `JobRecord`: from GitHub's job data (true queue times, the
 * run's URLs) or, when GitHub's answer is not at hand, from what the runner's log said.
 */

/** The fields of GitHub's REST "workflow job" that history keeps (docs/github-facts.md). */
export interface GitHubJobFacts {
  readonly id: number
  readonly run_id: number
  readonly html_url: string | null
  readonly workflow_name?: string | null
  readonly name: string
  readonly labels: readonly string[]
  readonly runner_name: string | null
  readonly created_at: string
  readonly started_at: string
  readonly completed_at: string | null
  readonly conclusion: string | null
}

/** What the engine knows about the job besides GitHub's data. */
export interface JobContext {
  /** `owner/repo` of the job's run. */
  readonly repository: string | null
  /** Our runner's name (GitHub's `runner_name` may be null if the job never reached it). */
  readonly runner: string
  readonly recordedAt: number
  /** The result the runner printed, which wins over GitHub's conclusion (it is what ran here). */
  readonly runnerResult?: string | null
  /** GitHub's web root (`https://github.com`, or the GHES host), to build a run URL if needed. */
  readonly webUrl?: string
}

// ISO 8601 → epoch ms; anything unparseable is "unknown", never NaN in a record.
function instant(iso: string | null | undefined): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  return Number.isFinite(ms) && ms >= 0 ? ms : null
}

/**
 * The run's page from the job's page (`…/actions/runs/RUN/job/JOB` → `…/actions/runs/RUN`), or
 * built from the web root when GitHub gave no job URL: a click on a job should land on its run.
 */
export function runHtmlUrl(
  jobUrl: string | null,
  repository: string | null,
  runId: number | null,
  webUrl?: string,
): string | null {
  const fromJob = jobUrl?.match(/^(https?:\/\/.+\/actions\/runs\/\d+)(?:\/(?:job|attempts)\/.*)?$/)
  if (fromJob) return fromJob[1]!
  if (repository && runId !== null && webUrl)
    return `${webUrl.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}`
  return null
}

/** A job as GitHub reports it once completed: times are GitHub's, so pickup latency is the real wait. */
export function jobRecordFromGitHub(job: GitHubJobFacts, context: JobContext): JobRecord {
  return makeJobRecord({
    id: String(job.id),
    repository: context.repository,
    workflow: job.workflow_name ?? null,
    job: job.name,
    runId: job.run_id,
    runUrl: runHtmlUrl(job.html_url, context.repository, job.run_id, context.webUrl),
    jobUrl: job.html_url,
    runner: context.runner,
    labels: [...job.labels],
    queuedAt: instant(job.created_at),
    startedAt: instant(job.started_at),
    finishedAt: instant(job.completed_at),
    result: context.runnerResult ?? resultFromConclusion(job.conclusion),
    source: 'github',
    recordedAt: context.recordedAt,
  })
}

/**
 * A job known only from the runner's log ("Running job" → "completed with result"): no queue time,
 * so no pickup latency; better than losing the job when GitHub cannot be asked.
 */
export function jobRecordFromRunner(
  job: RunnerJob,
  context: {
    readonly runner: string
    readonly repository: string | null
    readonly labels: readonly string[]
    readonly recordedAt: number
  },
): JobRecord {
  return makeJobRecord({
    id: localJobId(context.runner),
    repository: context.repository,
    workflow: null,
    job: job.name,
    runId: null,
    runUrl: null,
    jobUrl: null,
    runner: context.runner,
    labels: [...context.labels],
    queuedAt: null,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    result: job.result,
    source: 'runner',
    recordedAt: context.recordedAt,
  })
}
