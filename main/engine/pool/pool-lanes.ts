import { publicRisk } from '../../../common/public-targets'
import { ok, type Result } from '../../../common/result'
import type { Target } from '../../../common/target'
import type { GitHubFailure } from '../github/github-failure'
import type { JitRunner } from '../github/github-port'
import type { GitHubDeadlines } from './github-deadlines'
import type { PoolConfig } from './pool-config'
import { SpareRegistrations, type Spare } from './pool-spares'
import type { PoolDeps, PoolNotice } from './pool-types'
import { NO_ATTACHMENTS } from './runner-attachments'
import { TargetLane, targetKey, type PoolTarget } from './target-lane'

/** What the lanes need of the pool. */
export interface LaneHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly deadlines: GitHubDeadlines
  /** Targets the user allowed although they are public. */
  allowPublic(): readonly string[]
  newName(): string
  mint(name: string, lane: TargetLane): Promise<Result<JitRunner, GitHubFailure>>
  gitHubFailed(failure: GitHubFailure, lane: TargetLane | null, runner: string | null): void
  note(level: PoolNotice['level'], runner: string | null, message: string): void
  changed(): void
  reconcile(): void
}

/**
 * The targets the pool serves, one lane each. Targets can be added and removed while the pool runs
 * (the user edits the list, discovery finds a repository): a new lane is checked with GitHub
 * (runner group, visibility) before it gets runners; a removed one is marked leaving, its runners
 * are retired, and it goes once it has none.
 */
export class PoolLanes {
  private readonly lanes = new Map<string, TargetLane>()

  constructor(private readonly host: LaneHost) {}

  /** Every lane, leaving ones included. */
  all(): TargetLane[] {
    return [...this.lanes.values()]
  }

  /** A lane by its target's key. */
  get(key: string): TargetLane | undefined {
    return this.lanes.get(key)
  }

  /** The lane of a target (leaving ones included). */
  of(target: Target): TargetLane | undefined {
    return this.lanes.get(targetKey(target))
  }

  /** Serves exactly `targets`; returns the lanes that are new (to be prepared). */
  set(targets: readonly PoolTarget[]): TargetLane[] {
    const wanted = new Map(targets.map((t) => [targetKey(t.target), t]))
    const added: TargetLane[] = []
    for (const [key, lane] of this.lanes) if (!wanted.has(key)) lane.leaving = true
    for (const [key, t] of wanted) {
      const known = this.lanes.get(key)
      if (known) {
        known.leaving = false
        known.source = t.source
        continue
      }
      const lane: TargetLane = new TargetLane(
        t.target,
        t.source,
        this.host.deps.clock,
        new SpareRegistrations(
          () => this.host.newName(),
          (name) => this.mintSpare(name, lane),
          (spare) => this.discardSpare(spare, lane),
        ),
      )
      this.lanes.set(key, lane)
      added.push(lane)
    }
    this.host.changed()
    return added
  }

  /** Forgets a leaving lane once it has no runners. */
  forget(lane: TargetLane): void {
    if (lane.leaving) this.lanes.delete(lane.key)
  }

  /**
   * Asks GitHub what the lane needs before it gets runners: its runner group and, for a
   * repository, its visibility; a public target (or a group open to public repositories) is held
   * unless the user allowed it. Resolves true when the lane is ready.
   */
  async prepare(lane: TargetLane): Promise<boolean> {
    if (lane.preparing) return false
    lane.preparing = true
    try {
      const { github } = this.host.deps
      const { deadlines } = this.host
      const group = await deadlines.run((signal) =>
        github.resolveGroup(lane.target, this.host.config.runnerGroup, { signal }),
      )
      if (!group.ok) return this.failed(group.error, lane)
      if (lane.target.kind === 'repo') {
        const ref = { owner: lane.target.owner, repo: lane.target.repo }
        const repo = await deadlines.run((signal) => github.getRepository(ref, { signal }))
        if (!repo.ok) return this.failed(repo.error, lane)
        lane.visibility = repo.value.visibility
      }
      lane.groupId = group.value.id
      lane.groupAllowsPublic = group.value.allowsPublicRepositories
      lane.gate.unblock('target')
      this.holdIfPublic(lane)
      this.host.changed()
      this.host.reconcile()
      return true
    } finally {
      lane.preparing = false
    }
  }

  /** Re-applies the public-repository rule to every lane (the user allowed or disallowed one). */
  refreshPublicHolds(): void {
    for (const lane of this.lanes.values()) if (lane.groupId !== null) this.holdIfPublic(lane)
    this.host.changed()
    this.host.reconcile()
  }

  private holdIfPublic(lane: TargetLane): void {
    const risk = publicRisk(
      lane.target,
      { visibility: lane.visibility, groupAllowsPublic: lane.groupAllowsPublic },
      this.host.allowPublic(),
    )
    if (risk) lane.gate.block('public', risk)
    else lane.gate.unblock('public')
  }

  /**
   * Registers a spare and sets up its attachments while its predecessor still works. Attachments
   * that fail are left to the runner's own creation, which says why.
   */
  private async mintSpare(name: string, lane: TargetLane): Promise<Result<Spare, GitHubFailure>> {
    const minted = await this.host.mint(name, lane)
    if (!minted.ok) return minted
    const attachments = this.host.deps.attachments ?? NO_ATTACHMENTS
    const attached = await attachments.attach({ name, target: lane.target })
    return ok({ ...minted.value, attached: attached.ok ? attached.value : null })
  }

  /** Deletes a spare registration nobody needs; one GitHub will not delete is recorded. */
  private async discardSpare(spare: Spare, lane: TargetLane): Promise<void> {
    const { deps, config, deadlines } = this.host
    const released = await spare.attached?.release()
    if (released && !released.ok) this.host.note('warn', spare.name, released.error)
    const deleted = await deadlines.run((signal) =>
      deps.github.deleteRunner(lane.target, spare.runnerId, { signal }),
    )
    deps.secrets.delete(spare.encodedJitConfig)
    if (!deleted.ok)
      await deps.pending.add([
        {
          apiUrl: config.apiUrl,
          target: lane.target,
          runnerId: spare.runnerId,
          name: spare.name,
          since: deps.clock.now(),
        },
      ])
  }

  private failed(failure: GitHubFailure, lane: TargetLane): false {
    this.host.gitHubFailed(failure, lane, null)
    return false
  }
}
