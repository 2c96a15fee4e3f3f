import type { DisposableStore } from '../../../common/disposables'
import type { RunnerView } from '../../../common/pool-status'
import type { RunnerJob } from '../../../common/runner-machine'
import { labelsSatisfy } from '../../../common/runner-labels'
import { reposAskingSelfHosted } from '../demand/discovery'
import { DemandWatcher, type WatchedRepo } from '../demand/demand-watcher'
import { unclaimedQueue, type Claim, type QueuedJob } from '../demand/queue-claims'
import type { RepoRef, WorkflowJobInfo } from '../github/github-port'
import type { PoolConfig } from './pool-config'
import type { PoolDeps } from './pool-types'
import type { TargetLane } from './target-lane'

/** What a lane's queue looks like to the pool and the dashboard. */
export interface LaneDemand {
  /** When each matching job that waits for a runner was queued. */
  readonly queued: readonly number[]
  readonly oldestQueuedAt: number | null
  readonly problem: string | null
}

const NONE: LaneDemand = { queued: [], oldestQueuedAt: null, problem: null }

/** What the demand needs to know of the pool's runners: which took a job, for which lane. */
export interface ClaimSources {
  readonly runners: ReadonlyMap<
    string,
    { readonly laneKey: string; readonly current: { readonly job: RunnerJob | null } }
  >
  /** Runners gone after a job; their target is OWNER/REPO or ORG as `formatTarget` writes it. */
  readonly recent: { list(): readonly RunnerView[] }
}

/**
 * The job queues of the pool's targets: a repository target is its own queue; an organization is
 * read repository by repository (GitHub has no organization-wide queue), limited to those whose
 * workflows ask for self-hosted runners. Only `queued` jobs whose labels our runners satisfy count
 * (a `waiting` job needs an approval first).
 */
export class PoolDemand {
  private readonly watcher: DemandWatcher
  private readonly orgRepos = new Map<string, readonly RepoRef[]>()

  constructor(
    private readonly host: {
      readonly config: PoolConfig
      readonly deps: PoolDeps
      readonly disposables: DisposableStore
      changed(): void
      reconcile(): void
    } & ClaimSources,
  ) {
    this.watcher = new DemandWatcher(
      () => host.deps.github,
      host.deps.clock,
      () => host.disposables,
      () => {
        host.changed()
        host.reconcile()
      },
      {
        activeMs: host.config.demandActiveMs,
        quietMs: host.config.demandQuietMs,
        lingerMs: 120_000,
        concurrency: 2,
      },
    )
  }

  /** Watches the queues of these lanes (an organization's repositories once they are known). */
  follow(lanes: readonly TargetLane[]): void {
    const repos: WatchedRepo[] = []
    for (const lane of lanes) {
      if (lane.leaving) continue
      if (lane.target.kind === 'repo')
        repos.push({
          ref: { owner: lane.target.owner, repo: lane.target.repo },
          targetKey: lane.key,
        })
      else
        for (const ref of this.orgRepos.get(lane.key) ?? [])
          repos.push({ ref, targetKey: lane.key })
    }
    this.watcher.watch(repos)
  }

  /** Finds which of an organization's repositories ask for self-hosted runners. */
  async learnOrg(lane: TargetLane): Promise<void> {
    if (lane.target.kind !== 'org') return
    const { github } = this.host.deps
    const listed = await github.listOrgRepositories(lane.target.org)
    if (!listed.ok) return
    const asking = await reposAskingSelfHosted(
      github,
      listed.value.value.filter((r) => !r.archived),
    )
    if (asking.ok)
      this.orgRepos.set(
        lane.key,
        asking.value.map((d) => d.ref),
      )
  }

  /**
   * A lane's matching queued jobs, less those its runners said they took that the lists do not
   * show yet (GitHub's lists lag behind the runners; see `unclaimedQueue`).
   */
  of(laneKey: string, labels: readonly string[] | null): LaneDemand {
    if (labels === null) return NONE
    const listed: QueuedJob[] = []
    let problem: string | null = null
    for (const repo of this.watcher.demand()) {
      if (repo.targetKey !== laneKey) continue
      if (repo.problem) problem = `${repo.ref.owner}/${repo.ref.repo}: ${repo.problem.message}`
      for (const job of repo.jobs)
        if (job.status === 'queued' && labelsSatisfy(job.labels, labels))
          listed.push({ name: job.name, queuedAt: job.createdAt })
    }
    const queued = unclaimedQueue(
      listed,
      this.claims(laneKey),
      (name) => this.watcher.hasListedRunner(name),
      this.host.deps.clock.now(),
    )
    return { queued, oldestQueuedAt: queued[0] ?? null, problem }
  }

  /** The jobs the lane's runners, live or recently gone, said they took. */
  private claims(laneKey: string): Claim[] {
    const claims: Claim[] = []
    for (const [name, life] of this.host.runners) {
      const { job } = life.current
      if (life.laneKey === laneKey && job)
        claims.push({ runner: name, job: job.name, at: job.startedAt })
    }
    // A lane's key is its target as `formatTarget` writes it, lowercased (`targetKey`).
    for (const view of this.host.recent.list())
      if (view.job && view.target.toLowerCase() === laneKey)
        claims.push({ runner: view.name, job: view.job.name, at: view.job.startedAt })
    return claims
  }

  /** The GitHub job a runner took, once listed, and its repository. */
  jobOfRunner(name: string): { job: WorkflowJobInfo; repo: RepoRef } | null {
    return this.watcher.jobOfRunner(name)
  }

  /** Reads a lane's queues soon (a runner took or finished a job). */
  poke(laneKey?: string): void {
    this.watcher.poke(laneKey)
  }

  /** Stops reading. */
  stop(): void {
    this.watcher.stop()
  }
}
