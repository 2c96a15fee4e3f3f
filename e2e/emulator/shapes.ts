// Builders for GitHub's response bodies, each typed with @octokit/openapi-types so a field GitHub
// requires cannot be forgotten. `api` is the emulator's base URL (GitHub: https://api.github.com).
import type { RunnerGroupRecord, RepoSpec } from './account'
import type {
  FullRepositorySummary,
  OrganizationSimple,
  PublicUser,
  RepositorySummary,
  Runner,
  RunnerGroup,
  SimpleUser,
  WorkflowJob,
  WorkflowRun,
} from './github-types'
import type { JobRecord, RunRecord } from './job-store'
import { runConclusion, runStatus } from './job-store'
import type { RunnerRecord } from './runner-store'

const EPOCH = '2020-01-01T00:00:00Z'
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** A stable positive id for a name (orgs and repos have no counter of their own here). */
export function stableId(name: string): number {
  let hash = 2166136261
  for (const char of name.toLowerCase()) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return 1000 + ((hash >>> 0) % 90_000_000)
}

/** A runner as `GET .../actions/runners` lists it; `version` once it has connected (GitHub's rule). */
export function runnerBody(
  runner: RunnerRecord,
  status: 'online' | 'offline',
  busy: boolean,
): Runner {
  return {
    id: runner.id,
    name: runner.name,
    os: 'linux',
    status,
    busy,
    ephemeral: true,
    runner_group_id: runner.groupId,
    labels: runner.labels.map((l) => ({ ...l })),
    ...(runner.version === null ? {} : { version: runner.version }),
  }
}

/** The `simple-user` object for a login. */
export function simpleUser(api: string, login: string, id: number, type = 'User'): SimpleUser {
  const user = `${api}/users/${login}`
  return {
    login,
    id,
    node_id: Buffer.from(`04:${type}${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: user,
    html_url: `https://github.com/${login}`,
    followers_url: `${user}/followers`,
    following_url: `${user}/following{/other_user}`,
    gists_url: `${user}/gists{/gist_id}`,
    starred_url: `${user}/starred{/owner}{/repo}`,
    subscriptions_url: `${user}/subscriptions`,
    organizations_url: `${user}/orgs`,
    repos_url: `${user}/repos`,
    events_url: `${user}/events{/privacy}`,
    received_events_url: `${user}/received_events`,
    type,
    site_admin: false,
  }
}

/** `GET /user`. */
export function publicUser(api: string, login: string, id: number): PublicUser {
  return {
    ...simpleUser(api, login, id),
    name: login === 'octocat' ? 'The Octocat' : login,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 2,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: EPOCH,
    updated_at: EPOCH,
  }
}

/** An entry of `GET /user/orgs`. */
export function organization(api: string, login: string): OrganizationSimple {
  const org = `${api}/orgs/${login}`
  const id = stableId(`org:${login}`)
  return {
    login,
    id,
    node_id: Buffer.from(`04:Organization${id}`).toString('base64'),
    url: org,
    repos_url: `${org}/repos`,
    events_url: `${org}/events`,
    hooks_url: `${org}/hooks`,
    issues_url: `${org}/issues`,
    members_url: `${org}/members{/member}`,
    public_members_url: `${org}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    description: null,
  }
}

/** A repository entry (`GET /user/repos`); `permissions` follow the repo's admin flag. */
export function repository(api: string, repo: RepoSpec): RepositorySummary {
  const fullName = `${repo.owner}/${repo.name}`
  const id = stableId(`repo:${fullName}`)
  const admin = repo.admin ?? true
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name: repo.name,
    full_name: fullName,
    owner: simpleUser(api, repo.owner, stableId(`org:${repo.owner}`)),
    private: repo.private ?? false,
    html_url: `https://github.com/${fullName}`,
    url: `${api}/repos/${fullName}`,
    description: null,
    fork: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    default_branch: 'main',
    permissions: { admin, maintain: admin, push: true, triage: true, pull: true },
  }
}

/** `GET /repos/{owner}/{repo}`. */
export function fullRepository(api: string, repo: RepoSpec): FullRepositorySummary {
  return { ...repository(api, repo), created_at: EPOCH, updated_at: EPOCH, pushed_at: EPOCH }
}

/** A runner group of an organization. */
export function runnerGroup(api: string, org: string, group: RunnerGroupRecord): RunnerGroup {
  const url = `${api}/orgs/${org}/actions/runner-groups/${group.id}`
  return {
    id: group.id,
    name: group.name,
    visibility: group.visibility,
    default: group.default,
    runners_url: `${url}/runners`,
    ...(group.visibility === 'selected'
      ? { selected_repositories_url: `${url}/repositories` }
      : {}),
    inherited: false,
    allows_public_repositories: false,
    restricted_to_workflows: false,
    selected_workflows: [],
    workflow_restrictions_read_only: false,
  }
}

/** A workflow job (`GET .../actions/runs/{run_id}/jobs`). */
export function workflowJob(api: string, job: JobRecord, workflowName: string): WorkflowJob {
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
    workflow_name: workflowName,
    head_branch: 'main',
  }
}

/** A workflow run (`GET /repos/{owner}/{repo}/actions/runs`). */
export function workflowRun(api: string, run: RunRecord, jobs: readonly JobRecord[]): WorkflowRun {
  const repo = repository(api, { owner: run.owner, name: run.repo })
  const minimal = { ...repo }
  const runApi = `${api}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`
  const updated = Math.max(run.createdAt, ...jobs.map((j) => j.completedAt ?? j.startedAt ?? 0))
  return {
    id: run.id,
    name: run.name,
    node_id: Buffer.from(`011:WorkflowRun${run.id}`).toString('base64'),
    head_branch: 'main',
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
