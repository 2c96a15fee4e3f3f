import {
  localJobId,
  makeJobRecord,
  resultFromConclusion,
  type JobRecord,
} from '../../../common/job-record'
import { runHtmlUrl } from '../../../common/job-record-sources'
import type { RunnerJob } from '../../../common/runner-machine'
import { formatTarget, type Target } from '../../../common/target'
import type { RepoRef, WorkflowJobInfo } from '../github/github-port'

/** What is known of a finished job when its runner is gone. */
export interface FinishedJob {
  readonly runner: string
  readonly target: Target
  /** What the runner's own log said: the job's display name, start, result, finish. */
  readonly job: RunnerJob
  /** GitHub's job, when the queue watcher saw our runner take it (true queue times, the run). */
  readonly github: { readonly job: WorkflowJobInfo; readonly repo: RepoRef } | null
  readonly labels: readonly string[]
  readonly webUrl: string
  readonly now: number
}

/**
 * The history's record of a finished job. GitHub's times when the queue watcher saw the job (so
 * the pickup latency is the user's real wait, queued → started), the runner's otherwise; the
 * result is always the runner's own line (it is what ran here).
 */
export function jobRecordOf(f: FinishedJob): JobRecord {
  const repository = f.github
    ? `${f.github.repo.owner}/${f.github.repo.repo}`
    : f.target.kind === 'repo'
      ? formatTarget(f.target)
      : null
  const g = f.github?.job
  return makeJobRecord({
    id: g ? String(g.id) : localJobId(f.runner),
    repository,
    workflow: g?.workflowName ?? null,
    job: f.job.name,
    runId: g?.runId ?? null,
    runUrl: g ? runHtmlUrl(g.htmlUrl, repository, g.runId, f.webUrl) : null,
    jobUrl: g?.htmlUrl ?? null,
    runner: f.runner,
    labels: [...(g?.labels ?? f.labels)],
    queuedAt: g?.createdAt ?? null,
    startedAt: g?.startedAt ?? f.job.startedAt,
    finishedAt: f.job.finishedAt ?? g?.completedAt ?? null,
    result: f.job.result ?? resultFromConclusion(g?.conclusion),
    source: g ? 'github' : 'runner',
    recordedAt: f.now,
  })
}
