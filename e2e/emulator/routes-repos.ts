// Repositories: `GET /repos/{owner}/{repo}`, `GET /user/repos` and `GET /orgs/{org}/repos`, with
// GitHub's filters (`visibility`, `affiliation`, `type`) and ordering (`sort`, `direction`).
import type { FullRepository, MinimalRepository, Repository } from './github-types'
import { findRepo, ownerTypeOf, roleOf } from './repo-access'
import type { RepoRecord } from './repo-store'
import {
  DOCS,
  errorReply,
  jsonReply,
  paginate,
  validationReply,
  type RestContext,
  type RestHandler,
} from './rest-context'
import type { Route } from './router'
import { fullRepository, orgRepository, repository } from './shapes-repo'

const getRepo: RestHandler = (ctx) => {
  const { owner = '', repo = '' } = ctx.params
  const found = findRepo(ctx.state, owner, repo, DOCS.repos)
  if (!found.ok) return found.reply
  const body: FullRepository = fullRepository(
    ctx.api,
    found.repo,
    ownerTypeOf(ctx.state, found.repo.owner),
    roleOf(found.repo, ctx.identity),
  )
  return jsonReply(200, body)
}

const listForUser: RestHandler = (ctx) => {
  const { query } = ctx
  const type = query.get('type')
  if (type !== null && (query.has('visibility') || query.has('affiliation'))) {
    return validationReply(
      'If you specify visibility or affiliation, you cannot specify type.',
      DOCS.userRepos,
    )
  }
  const login = ctx.identity.login.toLowerCase()
  const isOrg = (r: RepoRecord) => ownerTypeOf(ctx.state, r.owner) === 'Organization'
  const owned = (r: RepoRecord) => r.owner.toLowerCase() === login
  const affiliations = (query.get('affiliation') ?? 'owner,collaborator,organization_member')
    .split(',')
    .map((a) => a.trim())
  const byAffiliation = (r: RepoRecord) =>
    (affiliations.includes('owner') && owned(r)) ||
    (affiliations.includes('organization_member') && isOrg(r)) ||
    (affiliations.includes('collaborator') && !owned(r) && !isOrg(r))
  const visibility = query.get('visibility') ?? 'all'
  const byVisibility = (r: RepoRecord) =>
    visibility === 'all' || (visibility === 'public') === (r.visibility === 'public')
  const byType = (r: RepoRecord) => {
    if (type === 'owner') return owned(r)
    if (type === 'member') return !owned(r)
    if (type === 'public' || type === 'private') return visibilityMatches(r, type)
    return true
  }
  const picked = ctx.state.account.repos
    .all()
    .filter((r) => (type === null ? byAffiliation(r) && byVisibility(r) : byType(r)))
  const body: Repository[] = sorted(picked, ctx, 'full_name').map((r) =>
    repository(ctx.api, r, ownerTypeOf(ctx.state, r.owner), roleOf(r, ctx.identity)),
  )
  const { page, headers } = paginate(body, ctx.url, ctx.api)
  return jsonReply(200, page, headers)
}

const listForOrg: RestHandler = (ctx) => {
  const { org = '' } = ctx.params
  const { account } = ctx.state
  if (!account.orgExists(org)) return errorReply(404, 'Not Found', DOCS.orgRepos)
  const type = ctx.query.get('type') ?? 'all'
  const picked = account.repos
    .ownedBy(org)
    .filter((r) =>
      type === 'forks'
        ? false
        : type === 'public' || type === 'private'
          ? visibilityMatches(r, type)
          : true,
    )
  const body: MinimalRepository[] = sorted(picked, ctx, 'created').map((r) =>
    orgRepository(ctx.api, r, roleOf(r, ctx.identity)),
  )
  const { page, headers } = paginate(body, ctx.url, ctx.api)
  return jsonReply(200, page, headers)
}

/** `public` matches public repositories; `private` the others (private and internal). */
function visibilityMatches(repo: RepoRecord, wanted: 'public' | 'private'): boolean {
  return (repo.visibility === 'public') === (wanted === 'public')
}

/** GitHub's `sort` (created, updated, pushed, full_name) and `direction` (asc for full_name). */
function sorted(
  repos: readonly RepoRecord[],
  ctx: RestContext,
  defaultSort: 'full_name' | 'created',
): RepoRecord[] {
  const sort = ctx.query.get('sort') ?? defaultSort
  const direction = ctx.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc')
  const key = (r: RepoRecord): string | number => {
    if (sort === 'full_name') return `${r.owner}/${r.name}`.toLowerCase()
    return sort === 'created' ? r.createdAt : r.updatedAt
  }
  // Newer additions count as created later when two share a time.
  const indexed = repos.map((r, i) => ({ r, i }))
  indexed.sort((a, b) => {
    const [ka, kb] = [key(a.r), key(b.r)]
    const order = ka < kb ? -1 : ka > kb ? 1 : a.i - b.i
    return direction === 'asc' ? order : -order
  })
  return indexed.map((x) => x.r)
}

/** Repository routes. */
export const repoRoutes: readonly Route<RestHandler>[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}', handler: getRepo },
  { method: 'GET', template: '/user/repos', handler: listForUser },
  { method: 'GET', template: '/orgs/{org}/repos', handler: listForOrg },
]
