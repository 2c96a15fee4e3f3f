// An in-memory GitHub for fast pool tests (test code): registrations with GitHub's rules for busy
// runners, and knobs that fail, hold or silence calls, on the same `GitHubPort` the Octokit
// adapter implements.
import { err, ok, type Result } from '../../../../common/result'
import type { Target } from '../../../../common/target'
import type { GitHubFailure } from '../../github/github-failure'
import type {
  CallOptions,
  GitHubPort,
  JitRunner,
  RegisteredRunner,
  RepoRef,
  RepositoryInfo,
  WorkflowJobInfo,
} from '../../github/github-port'

/** A failure shaped like the real adapter's. */
export function gitHubFailure(
  kind: GitHubFailure['kind'],
  status: number | null = null,
): GitHubFailure {
  return { kind, status, message: `GitHub ${kind}`, detail: kind }
}

/** One fake registration. */
export interface FakeRegistration {
  readonly id: number
  readonly name: string
  readonly labels: readonly string[]
  status: 'online' | 'offline'
  busy: boolean
}

type Answer = GitHubFailure | 'silence'

/** The fake service and its knobs. */
export class FakeGitHub implements GitHubPort {
  readonly registrations = new Map<number, FakeRegistration>()
  private nextId = 1
  /** Answers for the next calls of a kind, in order ('silence': never answers until aborted). */
  readonly next: { create: Answer[]; delete: Answer[]; list: Answer[] } = {
    create: [],
    delete: [],
    list: [],
  }
  /** Every call, for assertions: `create name`, `delete id`, `list`. */
  readonly calls: string[] = []
  /** While true, every call never answers until its signal aborts (a dead network). */
  silent = false
  /** The work folder each runner registered with, when one was given. */
  readonly workFolders = new Map<string, string>()
  /** Holds the next `createJitRunner` calls until released. */
  holdCreates = 0
  readonly heldCreates: Array<() => void> = []

  private async answer<T>(
    queue: Answer[],
    signal: AbortSignal | undefined,
    value: () => Result<T, GitHubFailure>,
  ): Promise<Result<T, GitHubFailure>> {
    const answer = this.silent ? 'silence' : queue.shift()
    if (answer === 'silence') {
      await new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve()
        signal?.addEventListener('abort', () => resolve(), { once: true })
      })
      return err(gitHubFailure('unanswered'))
    }
    if (answer) return err(answer)
    return value()
  }

  async identify() {
    return ok({ login: 'octo', scopes: ['repo'] })
  }

  async probeRunnerAdmin() {
    return ok(undefined)
  }

  /** Repositories by `owner/repo`; unknown ones are private with admin rights. */
  readonly repos = new Map<string, Partial<RepositoryInfo>>()
  /** Jobs of workflow runs, for demand. */
  readonly jobs: WorkflowJobInfo[] = []
  /** Repositories whose job queue answers with this failure. */
  readonly failingRepos = new Map<string, GitHubFailure>()
  private nextJobId = 1

  async resolveGroup(target: Target) {
    if (this.silent) return err(gitHubFailure('unanswered'))
    return ok({ id: 1, allowsPublicRepositories: target.kind === 'repo' })
  }

  async getRepository(repo: RepoRef) {
    this.calls.push(`repo ${repo.owner}/${repo.repo}`)
    if (this.silent) return err(gitHubFailure('unanswered'))
    const known = this.repos.get(`${repo.owner}/${repo.repo}`)
    return ok({ visibility: 'private' as const, admin: true, archived: false, ...known, ...repo })
  }

  async listAccountRepositories() {
    return ok({
      changed: true,
      value: [...this.repos.entries()].map(([key, r]) => {
        const [owner = '', repo = ''] = key.split('/')
        return { owner, repo, visibility: 'private' as const, admin: true, archived: false, ...r }
      }),
    })
  }

  async listOrgRepositories() {
    return ok({ changed: true, value: [] })
  }

  async listWorkflowFiles() {
    return ok({ changed: true, value: [] })
  }

  async readFile() {
    return err(gitHubFailure('not-found', 404))
  }

  async listRuns(repo: RepoRef, status: 'queued' | 'in_progress' | 'waiting') {
    const key = `${repo.owner}/${repo.repo}`
    const failure = this.failingRepos.get(key)
    if (failure) return err(failure)
    const runs = new Map<number, string>()
    for (const j of this.jobsOf(repo))
      if (j.status !== 'completed') runs.set(j.runId, j.status === 'waiting' ? 'waiting' : 'queued')
    const value = [...runs]
      .filter(([, s]) => (status === 'waiting' ? s === 'waiting' : status === 'queued'))
      .map(([id]) => ({
        id,
        status,
        workflowName: 'ci',
        htmlUrl: `https://github.com/${key}/actions/runs/${id}`,
      }))
    return ok({ changed: true, value })
  }

  async listRunJobs(repo: RepoRef, runId: number) {
    return ok({ changed: true, value: this.jobsOf(repo).filter((j) => j.runId === runId) })
  }

  /** Queues a job in a repository, in a run of its own. */
  queueJob(
    repo: RepoRef,
    labels: readonly string[],
    extra: Partial<WorkflowJobInfo> = {},
  ): WorkflowJobInfo {
    const id = this.nextJobId++
    const job: WorkflowJobInfo = {
      id,
      runId: 1000 + id,
      name: `job-${id}`,
      workflowName: 'ci',
      status: 'queued',
      conclusion: null,
      labels,
      runnerId: null,
      runnerName: null,
      createdAt: Date.now(),
      startedAt: null,
      completedAt: null,
      htmlUrl: `https://github.com/${repo.owner}/${repo.repo}/actions/runs/${1000 + id}/job/${id}`,
      headBranch: 'main',
      ...extra,
    }
    this.jobs.push(Object.assign(job, { repo: `${repo.owner}/${repo.repo}` }))
    return job
  }

  /** A job was taken by a runner, or completed. */
  updateJob(id: number, changes: Partial<WorkflowJobInfo>): void {
    const job = this.jobs.find((j) => j.id === id)
    if (job) Object.assign(job, changes)
  }

  private jobsOf(repo: RepoRef): WorkflowJobInfo[] {
    const key = `${repo.owner}/${repo.repo}`
    return this.jobs.filter((j) => (j as WorkflowJobInfo & { repo?: string }).repo === key)
  }

  async createJitRunner(
    _target: Target,
    request: { name: string; groupId: number; labels: readonly string[]; workFolder?: string },
  ): Promise<Result<JitRunner, GitHubFailure>> {
    this.calls.push(`create ${request.name}`)
    if (request.workFolder) this.workFolders.set(request.name, request.workFolder)
    if (this.holdCreates > 0) {
      this.holdCreates--
      await new Promise<void>((resolve) => this.heldCreates.push(resolve))
    }
    return this.answer(this.next.create, undefined, () => {
      const id = this.nextId++
      this.registrations.set(id, {
        id,
        name: request.name,
        labels: request.labels,
        status: 'offline',
        busy: false,
      })
      return ok({ runnerId: id, name: request.name, encodedJitConfig: `jit-config-${id}-secret` })
    })
  }

  async listRunners(_target: Target, options?: CallOptions) {
    this.calls.push('list')
    return this.answer(this.next.list, options?.signal, () =>
      ok({
        changed: true,
        runners: [...this.registrations.values()].map((r): RegisteredRunner => ({
          ...r,
          labels: [...r.labels],
        })),
      }),
    )
  }

  async listAdminTargets() {
    return ok([])
  }

  async deleteRunner(
    _target: Target,
    runnerId: number,
    options?: CallOptions,
  ): Promise<Result<'deleted' | 'gone', GitHubFailure>> {
    this.calls.push(`delete ${runnerId}`)
    return this.answer(this.next.delete, options?.signal, () => {
      const r = this.registrations.get(runnerId)
      if (!r) return ok('gone')
      if (r.busy) return err(gitHubFailure('busy', 422))
      this.registrations.delete(runnerId)
      return ok('deleted')
    })
  }

  /** The registration of a runner name. */
  byName(name: string): FakeRegistration | undefined {
    return [...this.registrations.values()].find((r) => r.name === name)
  }
}
