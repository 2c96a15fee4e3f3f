import type { Result } from '../../../common/result'
import type { Target } from '../../../common/target'
import type { GitHubFailure } from './github-failure'

/** A runner registration as GitHub lists it. */
export interface RegisteredRunner {
  readonly id: number
  readonly name: string
  readonly status: 'online' | 'offline'
  readonly busy: boolean
  readonly labels: readonly string[]
}

/** A freshly minted one-time runner config (`generate-jitconfig`). */
export interface JitRunner {
  readonly runnerId: number
  readonly name: string
  readonly encodedJitConfig: string
}

/** Who a token belongs to and what `X-OAuth-Scopes` says (null: not a classic token). */
export interface TokenIdentity {
  readonly login: string
  readonly scopes: string[] | null
}

/** A repository by name. */
export interface RepoRef {
  readonly owner: string
  readonly repo: string
}

/** What RunnerDock needs to know of a repository: who may see it, and may we administer it. */
export interface RepositoryInfo extends RepoRef {
  readonly visibility: 'public' | 'private' | 'internal'
  readonly admin: boolean
  readonly archived: boolean
}

/** A runner group and whether public repositories' jobs may reach it. */
export interface RunnerGroupInfo {
  readonly id: number
  readonly allowsPublicRepositories: boolean
}

/** A workflow run as the demand watcher needs it. */
export interface WorkflowRunInfo {
  readonly id: number
  readonly status: string
  readonly workflowName: string
  readonly htmlUrl: string
}

/** A job of a workflow run (docs/github-facts.md, Demand). Times are epoch ms. */
export interface WorkflowJobInfo {
  readonly id: number
  readonly runId: number
  readonly name: string
  readonly workflowName: string | null
  readonly status: string
  readonly conclusion: string | null
  readonly labels: readonly string[]
  readonly runnerId: number | null
  readonly runnerName: string | null
  readonly createdAt: number
  readonly startedAt: number | null
  readonly completedAt: number | null
  readonly htmlUrl: string | null
  readonly headBranch: string | null
}

/** A conditional GET's answer: `changed: false` (a 304, free of rate limit) means "as before". */
export interface Conditional<T> {
  readonly changed: boolean
  readonly value: T
}

/** Per-call options: `signal` ends the wait early (a stop's bound on GitHub). */
export interface CallOptions {
  readonly signal?: AbortSignal
}

/** The engine's whole view of GitHub's REST API. Thin: it translates, it does not decide. */
export interface GitHubPort {
  /** `GET /user`: whose token this is, and its classic scopes. */
  identify(): Promise<Result<TokenIdentity, GitHubFailure>>
  /**
   * A harmless call that needs the runner-admin permission on the target (a registration token,
   * which expires unused after an hour): the only sure check for fine-grained tokens.
   */
  probeRunnerAdmin(target: Target): Promise<Result<void, GitHubFailure>>
  /**
   * The runner group: id 1 (Default) for repositories; by name (or the default group) for
   * organizations, with whether it lets public repositories' jobs in.
   */
  resolveGroup(
    target: Target,
    groupName: string | null,
    options?: CallOptions,
  ): Promise<Result<RunnerGroupInfo, GitHubFailure>>
  /**
   * Registers a runner and returns its one-time JIT config. `workFolder` (default "_work", under
   * the runner's folder) may be absolute: a runner whose jobs use Docker works in a folder mounted
   * at the same path on the host (job-folders.ts).
   */
  createJitRunner(
    target: Target,
    request: { name: string; groupId: number; labels: readonly string[]; workFolder?: string },
  ): Promise<Result<JitRunner, GitHubFailure>>
  /**
   * Lists the target's runners with conditional requests: `changed: false` (a 304, free of rate
   * limit) means the last list still holds.
   */
  listRunners(
    target: Target,
    options?: CallOptions,
  ): Promise<Result<{ changed: boolean; runners: readonly RegisteredRunner[] }, GitHubFailure>>
  /** Repositories and organizations the token can administer, for target suggestions. */
  listAdminTargets(): Promise<Result<Target[], GitHubFailure>>
  /** A repository's visibility and whether the token may administer it. */
  getRepository(
    repo: RepoRef,
    options?: CallOptions,
  ): Promise<Result<RepositoryInfo, GitHubFailure>>
  /** Repositories the token can see (discovery keeps those it may administer). */
  listAccountRepositories(
    options?: CallOptions,
  ): Promise<Result<Conditional<RepositoryInfo[]>, GitHubFailure>>
  /** An organization's repositories (an org target is watched repository by repository). */
  listOrgRepositories(
    org: string,
    options?: CallOptions,
  ): Promise<Result<Conditional<RepositoryInfo[]>, GitHubFailure>>
  /** The workflow files under `.github/workflows` (none when the folder is missing). */
  listWorkflowFiles(
    repo: RepoRef,
    options?: CallOptions,
  ): Promise<Result<Conditional<{ path: string; sha: string }[]>, GitHubFailure>>
  /** A workflow file's text. */
  readFile(
    repo: RepoRef,
    path: string,
    options?: CallOptions,
  ): Promise<Result<Conditional<string>, GitHubFailure>>
  /** A repository's workflow runs in one status (first page, newest first). */
  listRuns(
    repo: RepoRef,
    status: 'queued' | 'in_progress' | 'waiting',
    options?: CallOptions,
  ): Promise<Result<Conditional<WorkflowRunInfo[]>, GitHubFailure>>
  /** The jobs of a run (latest attempt). */
  listRunJobs(
    repo: RepoRef,
    runId: number,
    options?: CallOptions,
  ): Promise<Result<Conditional<WorkflowJobInfo[]>, GitHubFailure>>
  /** Deletes a registration; one already gone answers `gone`. A busy runner fails with kind `busy`. */
  deleteRunner(
    target: Target,
    runnerId: number,
    options?: CallOptions,
  ): Promise<Result<'deleted' | 'gone', GitHubFailure>>
}

/** Rate limit news the adapter reports so the UI can say when work resumes. */
export interface RateLimitNotice {
  readonly kind: 'primary' | 'secondary'
  readonly retryAfterSeconds: number
  readonly method: string
  readonly url: string
}
