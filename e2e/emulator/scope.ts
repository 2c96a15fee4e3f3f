// Where runners live: a repository or an organization, named case-insensitively as GitHub does.

/** A repository or organization that owns runners (`/repos/{owner}/{repo}` or `/orgs/{org}`). */
export type Scope =
  | { readonly kind: 'repo'; readonly owner: string; readonly repo: string }
  | { readonly kind: 'org'; readonly org: string }

/** Where a test queues a job: a repository, or an organization (its jobs run in `{org}/{repo}`). */
export type JobTarget =
  | { readonly owner: string; readonly repo: string }
  | { readonly org: string; readonly repo?: string }

/** Repository used for jobs queued on an organization without naming one. */
export const DEFAULT_ORG_JOB_REPO = 'runnerdock-e2e'

/** A map key: GitHub treats owner, repo and org names case-insensitively. */
export function scopeKey(scope: Scope): string {
  return scope.kind === 'repo'
    ? `repo:${scope.owner}/${scope.repo}`.toLowerCase()
    : `org:${scope.org}`.toLowerCase()
}

/** The github.com page of the scope, as a JIT config's `gitHubUrl` carries it. */
export function scopeWebUrl(scope: Scope): string {
  return scope.kind === 'repo'
    ? `https://github.com/${scope.owner}/${scope.repo}`
    : `https://github.com/${scope.org}`
}

/** The repository a queued job belongs to. */
export function jobRepository(target: JobTarget): { owner: string; repo: string } {
  return 'org' in target
    ? { owner: target.org, repo: target.repo ?? DEFAULT_ORG_JOB_REPO }
    : { owner: target.owner, repo: target.repo }
}

/** Whether a runner registered in `scope` may take a job of `owner/repo` (repo or its org). */
export function scopeServes(scope: Scope, owner: string, repo: string): boolean {
  if (scope.kind === 'org') return scope.org.toLowerCase() === owner.toLowerCase()
  return (
    scope.owner.toLowerCase() === owner.toLowerCase() &&
    scope.repo.toLowerCase() === repo.toLowerCase()
  )
}
