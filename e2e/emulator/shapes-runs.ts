// Workflow run and job bodies as GitHub sends them, typed with @octokit/openapi-types so a field
// GitHub requires cannot be forgotten.
import type { WorkflowJob, WorkflowRun } from './github-types'
import { runConclusion, runStatus, type JobRecord, type RunRecord } from './job-store'
import type { RepoRecord } from './repo-store'
import { iso, stableId } from './shapes'
import { minimalRepository, type OwnerType } from './shapes-repo'

/** Where a run's repository comes from: its record and who owns it. */
export interface RunRepository {
  readonly record: RepoRecord
  readonly ownerType: OwnerType
}

/**
 * A workflow job (`GET .../actions/runs/{run_id}/jobs`, `GET .../actions/jobs/{job_id}`). A job no
 * runner has started yet reports its creation time as `started_at`, as GitHub does.
 */
export function workflowJob(api: string, job: JobRecord, run: RunRecord): WorkflowJob {
  const repoApi = `${api}/repos/${job.owner}/${job.repo}`
  return {
    id: job.id,
    run_id: job.runId,
    run_url: `${repoApi}/actions/runs/${job.runId}`,
    run_attempt: 1,
    node_id: Buffer.from(`08:CheckRun${job.id}`).toString('base64'),
    head_sha: sha(job.runId),
    url: `${repoApi}/actions/jobs/${job.id}`,
    html_url: `https://github.com/${job.owner}/${job.repo}/actions/runs/${job.runId}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt ?? job.createdAt),
    completed_at: job.completedAt === null ? null : iso(job.completedAt),
    name: job.name,
    steps: [],
    check_run_url: `${repoApi}/check-runs/${job.id}`,
    labels: [...job.labels],
    runner_id: job.runnerId,
    runner_name: job.runnerName,
    runner_group_id: job.runnerGroupId,
    runner_group_name: job.runnerGroupName,
    workflow_name: run.name,
    head_branch: run.headBranch,
  }
}

/** A workflow run (`GET /repos/{owner}/{repo}/actions/runs`); `updated_at` moves with its jobs. */
export function workflowRun(
  api: string,
  run: RunRecord,
  jobs: readonly JobRecord[],
  repo: RunRepository,
): WorkflowRun {
  const minimal = minimalRepository(api, repo.record, repo.ownerType)
  const runApi = `${api}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`
  const updated = Math.max(
    run.createdAt,
    ...jobs.flatMap((j) => [j.createdAt, j.queuedAt ?? 0, j.startedAt ?? 0, j.completedAt ?? 0]),
  )
  return {
    id: run.id,
    name: run.name,
    node_id: Buffer.from(`011:WorkflowRun${run.id}`).toString('base64'),
    head_branch: run.headBranch,
    head_sha: sha(run.id),
    path: '.github/workflows/ci.yml',
    display_title: run.name,
    run_number: run.id - 1000,
    run_attempt: 1,
    event: 'push',
    status: runStatus(jobs),
    conclusion: runConclusion(jobs),
    workflow_id: stableId(`workflow:${run.owner}/${run.repo}`),
    url: runApi,
    html_url: `https://github.com/${run.owner}/${run.repo}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: iso(run.createdAt),
    updated_at: iso(updated),
    run_started_at: iso(run.createdAt),
    jobs_url: `${runApi}/jobs`,
    logs_url: `${runApi}/logs`,
    check_suite_url: `${api}/repos/${run.owner}/${run.repo}/check-suites/${run.id}`,
    artifacts_url: `${runApi}/artifacts`,
    cancel_url: `${runApi}/cancel`,
    rerun_url: `${runApi}/rerun`,
    workflow_url: `${api}/repos/${run.owner}/${run.repo}/actions/workflows/ci.yml`,
    head_commit: null,
    repository: minimal,
    head_repository: minimal,
  }
}

function sha(seed: number): string {
  return seed.toString(16).padStart(40, '0')
}
