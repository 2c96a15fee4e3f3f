// What a caller may see of a repository: GitHub answers 404 (never 403) for a repository that does
// not exist, and a token's own limits can lower the role the repository grants.
import type { Reply } from './http-io'
import type { EmulatorState } from './emulator-state'
import type { RepoPermission, RepoRecord } from './repo-store'
import { errorReply } from './rest-context'
import type { OwnerType } from './shapes-repo'
import type { TokenIdentity } from './tokens'

/** A repository looked up for a route: found, or the answer to give instead. */
export type RepoLookup =
  { readonly ok: true; readonly repo: RepoRecord } | { readonly ok: false; readonly reply: Reply }

/** The repository `owner/repo` names, or GitHub's 404 with `documentationUrl`. */
export function findRepo(
  state: EmulatorState,
  owner: string,
  name: string,
  documentationUrl: string,
): RepoLookup {
  const repo = state.account.repos.get(owner, name)
  return repo
    ? { ok: true, repo }
    : { ok: false, reply: errorReply(404, 'Not Found', documentationUrl) }
}

/**
 * The caller's role: the repository's, except that a fine-grained token without Administration
 * access never acts as more than `push` (docs/github-facts.md, "Permissions").
 */
export function roleOf(repo: RepoRecord, identity: TokenIdentity): RepoPermission {
  if (identity.kind === 'fine-grained' && !identity.canAdministerRunners) {
    return repo.permission === 'admin' || repo.permission === 'maintain' ? 'push' : repo.permission
  }
  return repo.permission
}

/** `Organization` for an organization the emulator lists, else `User`. */
export function ownerTypeOf(state: EmulatorState, owner: string): OwnerType {
  const isOrg = state.account.orgs().some((o) => o.toLowerCase() === owner.toLowerCase())
  return isOrg ? 'Organization' : 'User'
}
