// Organizations' runner groups. Every organization has `Default` (id 1); a group says which
// repositories its runners may serve: all, selected ones, or private ones only, and whether public
// repositories are allowed at all (docs/github-facts.md, "Public repositories").

/** GitHub's runner group visibilities. */
export type RunnerGroupVisibility = 'all' | 'selected' | 'private'

/** An organization's runner group. */
export interface RunnerGroupRecord {
  readonly id: number
  readonly name: string
  readonly visibility: RunnerGroupVisibility
  readonly default: boolean
  /** GitHub's `allows_public_repositories`: false by default, as GitHub creates groups. */
  readonly allowsPublicRepositories: boolean
  /** Repository names (in the organization) a `selected` group serves. */
  readonly selectedRepositories: readonly string[]
}

/** What a test may set on a group (all optional; a new group is `all`, no public repos). */
export interface RunnerGroupOptions {
  readonly visibility?: RunnerGroupVisibility
  readonly allowsPublicRepositories?: boolean
  readonly selectedRepositories?: readonly string[]
}

const DEFAULT_GROUP: RunnerGroupRecord = {
  id: 1,
  name: 'Default',
  visibility: 'all',
  default: true,
  allowsPublicRepositories: false,
  selectedRepositories: [],
}

/** Runner groups by organization (case-insensitive), with ids shared across organizations. */
export class RunnerGroups {
  private readonly groups = new Map<string, RunnerGroupRecord[]>()
  private nextId = 2

  /** Runner groups of an organization; every organization has `Default` (id 1). */
  of(org: string): readonly RunnerGroupRecord[] {
    return this.groups.get(org.toLowerCase()) ?? [DEFAULT_GROUP]
  }

  /**
   * Adds a group, or updates the one of that name (GitHub's group names are unique in an
   * organization, so this is also how `Default` is changed); returns its id.
   */
  upsert(org: string, name: string, options: RunnerGroupOptions = {}): number {
    const groups = this.of(org)
    const old = groups.find((g) => g.name.toLowerCase() === name.toLowerCase())
    const group: RunnerGroupRecord = {
      id: old?.id ?? this.nextId++,
      name: old?.name ?? name,
      default: old?.default ?? false,
      visibility: options.visibility ?? old?.visibility ?? 'all',
      allowsPublicRepositories:
        options.allowsPublicRepositories ?? old?.allowsPublicRepositories ?? false,
      selectedRepositories: options.selectedRepositories ?? old?.selectedRepositories ?? [],
    }
    const next = old ? groups.map((g) => (g === old ? group : g)) : [...groups, group]
    this.groups.set(org.toLowerCase(), next)
    return group.id
  }

  /** Forgets every added group. */
  reset(): void {
    this.groups.clear()
    this.nextId = 2
  }
}
