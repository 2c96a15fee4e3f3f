// The signed-in user's world: the organizations `GET /user/orgs` lists, the repositories the
// emulator knows (repo-store.ts) and each organization's runner groups (runner-groups.ts).
import { RepoStore, type RepoSpec } from './repo-store'
import { RunnerGroups } from './runner-groups'

/** What `setAccount` may change. */
export interface AccountSpec {
  readonly orgs?: readonly string[]
  /** Replaces every known repository (what `GET /user/repos` lists). */
  readonly repos?: readonly RepoSpec[]
  /** False: repositories the emulator was not told about answer 404 (default true). */
  readonly anyRepositoryExists?: boolean
}

const DEFAULT_ORGS: readonly string[] = ['octo-org']

/** Orgs, repositories and runner groups, with GitHub-like defaults. */
export class AccountState {
  readonly repos = new RepoStore()
  readonly groups = new RunnerGroups()
  private orgList: string[] = [...DEFAULT_ORGS]

  /** Replaces the listed orgs and/or repos, and sets the unknown-repository mode. */
  set(spec: AccountSpec): void {
    if (spec.orgs) this.orgList = [...spec.orgs]
    if (spec.repos) this.repos.replace(spec.repos)
    if (spec.anyRepositoryExists !== undefined) {
      this.repos.anyRepositoryExists = spec.anyRepositoryExists
    }
  }

  /** Organizations `GET /user/orgs` lists. */
  orgs(): readonly string[] {
    return this.orgList
  }

  /** Whether an organization exists: listed, owning a known repository, or default mode. */
  orgExists(org: string): boolean {
    return (
      this.repos.anyRepositoryExists ||
      this.orgList.some((o) => o.toLowerCase() === org.toLowerCase()) ||
      this.repos.ownedBy(org).length > 0
    )
  }

  /** Back to the defaults. */
  reset(): void {
    this.orgList = [...DEFAULT_ORGS]
    this.repos.reset()
    this.groups.reset()
  }
}
