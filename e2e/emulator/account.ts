// The signed-in user's world: which organizations and repositories `GET /user/orgs` and
// `GET /user/repos` list, where the user is admin, and each organization's runner groups.

/** A repository as a test describes it. */
export interface RepoSpec {
  readonly owner: string
  readonly name: string
  readonly private?: boolean
  /** Admin rights (needed to manage repository runners); default true. */
  readonly admin?: boolean
}

/** What `setAccount` may change. */
export interface AccountSpec {
  readonly orgs?: readonly string[]
  readonly repos?: readonly RepoSpec[]
}

/** An organization's runner group. */
export interface RunnerGroupRecord {
  readonly id: number
  readonly name: string
  readonly visibility: 'all' | 'selected' | 'private'
  readonly default: boolean
}

const DEFAULT_ORGS: readonly string[] = ['octo-org']
const DEFAULT_REPOS: readonly RepoSpec[] = [
  { owner: 'octocat', name: 'hello-world', private: false, admin: true },
  { owner: 'octo-org', name: 'app', private: true, admin: true },
]
const DEFAULT_GROUP: RunnerGroupRecord = {
  id: 1,
  name: 'Default',
  visibility: 'all',
  default: true,
}

/** Orgs, repos and runner groups, with GitHub-like defaults: every owner/repo/org exists. */
export class AccountState {
  private orgList: string[] = [...DEFAULT_ORGS]
  private repoList: RepoSpec[] = [...DEFAULT_REPOS]
  private readonly groups = new Map<string, RunnerGroupRecord[]>()
  private nextGroupId = 2

  /** Replaces the listed orgs and/or repos. */
  set(spec: AccountSpec): void {
    if (spec.orgs) this.orgList = [...spec.orgs]
    if (spec.repos) this.repoList = [...spec.repos]
  }

  /** Organizations `GET /user/orgs` lists. */
  orgs(): readonly string[] {
    return this.orgList
  }

  /** Repositories `GET /user/repos` lists. */
  repos(): readonly RepoSpec[] {
    return this.repoList
  }

  /** A repository: a listed one, or any other (which exists with admin rights). */
  repo(owner: string, name: string): RepoSpec {
    const listed = this.repoList.find(
      (r) =>
        r.owner.toLowerCase() === owner.toLowerCase() &&
        r.name.toLowerCase() === name.toLowerCase(),
    )
    return listed ?? { owner, name, private: false, admin: true }
  }

  /** Runner groups of an organization; every organization has `Default` (id 1). */
  groupsOf(org: string): readonly RunnerGroupRecord[] {
    return this.groups.get(org.toLowerCase()) ?? [DEFAULT_GROUP]
  }

  /** Adds a runner group to an organization and returns its id. */
  addGroup(org: string, name: string, visibility: RunnerGroupRecord['visibility'] = 'all'): number {
    const group: RunnerGroupRecord = { id: this.nextGroupId++, name, visibility, default: false }
    this.groups.set(org.toLowerCase(), [...this.groupsOf(org), group])
    return group.id
  }

  /** Back to the defaults. */
  reset(): void {
    this.orgList = [...DEFAULT_ORGS]
    this.repoList = [...DEFAULT_REPOS]
    this.groups.clear()
    this.nextGroupId = 2
  }
}
