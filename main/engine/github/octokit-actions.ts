import type { GitHubPort, WorkflowJobInfo, WorkflowRunInfo } from './github-port'
import type { OctokitClient } from './octokit-client'

type ActionsApi = Pick<GitHubPort, 'listRuns' | 'listRunJobs'>

const time = (text: string | null | undefined): number | null => {
  if (!text) return null
  const ms = Date.parse(text)
  return Number.isFinite(ms) ? ms : null
}

interface JobData {
  id: number
  run_id: number
  name: string
  workflow_name?: string | null
  status: string
  conclusion: string | null
  labels: string[]
  runner_id: number | null
  runner_name: string | null
  created_at: string
  started_at: string
  completed_at: string | null
  html_url: string | null
  head_branch?: string | null
}

/** GitHub's job object, as the demand watcher and the history need it. */
export function toJobInfo(j: JobData): WorkflowJobInfo {
  const createdAt = time(j.created_at) ?? 0
  const started = time(j.started_at)
  return {
    id: j.id,
    runId: j.run_id,
    name: j.name,
    workflowName: j.workflow_name ?? null,
    status: j.status,
    conclusion: j.conclusion,
    labels: j.labels,
    runnerId: j.runner_id,
    runnerName: j.runner_name,
    createdAt,
    // GitHub sets started_at to created_at while a job waits; it only means "started" once taken.
    startedAt: j.status === 'queued' || j.status === 'waiting' ? null : started,
    completedAt: time(j.completed_at),
    htmlUrl: j.html_url,
    headBranch: j.head_branch ?? null,
  }
}

/** Workflow runs and their jobs (docs/github-facts.md, Demand), read with conditional requests. */
export function actionsApi(client: OctokitClient): ActionsApi {
  const { octokit, conditional } = client
  return {
    listRuns: (repo, status, options) =>
      conditional(
        'list workflow runs',
        `runs:${repo.owner}/${repo.repo}:${status}`,
        async (headers, request) => {
          const response = await octokit.request('GET /repos/{owner}/{repo}/actions/runs', {
            ...repo,
            status,
            per_page: 100,
            headers,
            request,
          })
          return { data: response.data, etag: response.headers.etag }
        },
        (data) =>
          (
            data as {
              workflow_runs: {
                id: number
                status: string | null
                name?: string | null
                html_url: string
              }[]
            }
          ).workflow_runs.map((r): WorkflowRunInfo => ({
            id: r.id,
            status: r.status ?? status,
            workflowName: r.name ?? '',
            htmlUrl: r.html_url,
          })),
        options?.signal,
      ),

    listRunJobs: (repo, runId, options) =>
      conditional(
        'list a run’s jobs',
        `jobs:${repo.owner}/${repo.repo}:${runId}`,
        async (headers, request) => {
          const response = await octokit.request(
            'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
            {
              ...repo,
              run_id: runId,
              filter: 'latest',
              per_page: 100,
              headers,
              request,
            },
          )
          return { data: response.data, etag: response.headers.etag }
        },
        (data) => (data as { jobs: JobData[] }).jobs.map(toJobInfo),
        options?.signal,
      ),
  }
}
