// The repositories the emulator knows: visibility, the signed-in user's permission, and their
// workflow files. By default any other repository exists too (private, admin), as a stand-in for
// "the user's own repository" in tests that do not care; strict mode makes unknown ones 404.

/** GitHub's repository visibilities (docs/github-facts.md, "Public repositories"). */
export type RepoVisibility = 'public' | 'private' | 'internal'

/** GitHub's repository roles, strongest first. */
export const PERMISSION_LEVELS = ['admin', 'maintain', 'push', 'triage', 'pull'] as const

/** The signed-in user's role on a repository. */
export type RepoPermission = (typeof PERMISSION_LEVELS)[number]

/** Where workflow files live; the contents API serves only files under it. */
export const WORKFLOWS_DIR = '.github/workflows'

/** A repository as a test describes it (`private` and `admin` are the older shorthands). */
export interface RepoSpec {
  readonly owner: string
  readonly name: string
  readonly visibility?: RepoVisibility
  /** Shorthand for `visibility`: true is `private`, false `public`. */
  readonly private?: boolean
  readonly permission?: RepoPermission
  /** Shorthand for `permission`: true is `admin`, false `push`. */
  readonly admin?: boolean
  /** Workflow files by repository path (`.github/workflows/ci.yml`) to their YAML text. */
  readonly workflows?: Readonly<Record<string, string>>
}

/** A repository as the emulator keeps it. */
export interface RepoRecord {
  readonly owner: string
  readonly name: string
  readonly visibility: RepoVisibility
  readonly permission: RepoPermission
  /** Workflow files by repository path, in the order they were given. */
  readonly files: ReadonlyMap<string, string>
  /** Whether the emulator was told about it (unknown repositories exist only in default mode). */
  readonly known: boolean
  /** When it was first added (`created_at`) and last changed (`updated_at`, `pushed_at`). */
  readonly createdAt: number
  readonly updatedAt: number
}

/** When repositories the emulator was not told about were created. */
export const UNKNOWN_REPO_CREATED_AT = Date.parse('2020-01-01T00:00:00Z')

const DEFAULT_REPOS: readonly RepoSpec[] = [
  { owner: 'octocat', name: 'hello-world', visibility: 'public', permission: 'admin' },
  { owner: 'octo-org', name: 'app', visibility: 'private', permission: 'admin' },
]

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** Checks workflow paths; a string says which one is wrong. */
export function checkWorkflowPaths(workflows: Readonly<Record<string, string>>): string | null {
  for (const path of Object.keys(workflows)) {
    const name = path.slice(WORKFLOWS_DIR.length + 1)
    if (!path.startsWith(`${WORKFLOWS_DIR}/`) || name === '' || name.includes('/')) {
      return `Workflow path ${JSON.stringify(path)} must be ${WORKFLOWS_DIR}/<file name>.`
    }
  }
  return null
}

/** Known repositories, in the order they were added, plus the "any repository exists" switch. */
export class RepoStore {
  private records: RepoRecord[] = []
  /** When true (default) an unknown repository exists, private, with admin permission. */
  anyRepositoryExists = true

  constructor(private readonly now: () => number = Date.now) {
    this.reset()
  }

  /** Creates or updates one repository; fields left out keep their value (new: private, admin). */
  upsert(spec: RepoSpec): RepoRecord {
    const old = this.find(spec.owner, spec.name)
    const problem = spec.workflows ? checkWorkflowPaths(spec.workflows) : null
    if (problem) throw new Error(problem)
    const record: RepoRecord = {
      owner: old?.owner ?? spec.owner,
      name: old?.name ?? spec.name,
      visibility: visibilityOf(spec) ?? old?.visibility ?? 'private',
      permission: permissionOf(spec) ?? old?.permission ?? 'admin',
      files: spec.workflows ? new Map(Object.entries(spec.workflows)) : (old?.files ?? new Map()),
      known: true,
      createdAt: old?.createdAt ?? this.now(),
      updatedAt: this.now(),
    }
    this.records = old
      ? this.records.map((r) => (r === old ? record : r))
      : [...this.records, record]
    return record
  }

  /** Replaces every known repository (`setAccount({repos})`). */
  replace(specs: readonly RepoSpec[]): void {
    this.records = []
    for (const spec of specs) this.upsert(spec)
  }

  /** A known repository, by name as GitHub matches it (case-insensitively). */
  find(owner: string, name: string): RepoRecord | undefined {
    return this.records.find((r) => same(r.owner, owner) && same(r.name, name))
  }

  /** A repository the caller can see: a known one, else (default mode) a private admin one. */
  get(owner: string, name: string): RepoRecord | undefined {
    const found = this.find(owner, name)
    if (found || !this.anyRepositoryExists) return found
    return {
      owner,
      name,
      visibility: 'private',
      permission: 'admin',
      files: new Map(),
      known: false,
      createdAt: UNKNOWN_REPO_CREATED_AT,
      updatedAt: UNKNOWN_REPO_CREATED_AT,
    }
  }

  /** Every known repository, in the order added. */
  all(): readonly RepoRecord[] {
    return this.records
  }

  /** Known repositories of one owner (user or organization). */
  ownedBy(owner: string): readonly RepoRecord[] {
    return this.records.filter((r) => same(r.owner, owner))
  }

  /** Back to the two default repositories, in default mode. */
  reset(): void {
    this.anyRepositoryExists = true
    this.replace(DEFAULT_REPOS)
  }
}

function visibilityOf(spec: RepoSpec): RepoVisibility | undefined {
  if (spec.visibility) return spec.visibility
  if (spec.private === undefined) return undefined
  return spec.private ? 'private' : 'public'
}

function permissionOf(spec: RepoSpec): RepoPermission | undefined {
  if (spec.permission) return spec.permission
  if (spec.admin === undefined) return undefined
  return spec.admin ? 'admin' : 'push'
}
