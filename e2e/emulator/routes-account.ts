// Who the token belongs to and what it can see: `GET /user` (with `X-OAuth-Scopes` for classic
// tokens, added by the pipeline), `/user/orgs`, `/user/repos` and `/repos/{owner}/{repo}`.
import type { OrganizationSimple, RepositorySummary } from './github-types'
import { jsonReply, paginate, type RestHandler } from './rest-context'
import type { Route } from './router'
import { fullRepository, organization, publicUser, repository } from './shapes'

const getUser: RestHandler = (ctx) =>
  jsonReply(200, publicUser(ctx.api, ctx.identity.login, ctx.identity.userId))

const listOrgs: RestHandler = (ctx) => {
  const orgs: OrganizationSimple[] = ctx.state.account.orgs().map((o) => organization(ctx.api, o))
  const { page, headers } = paginate(orgs, ctx.url, ctx.api)
  return jsonReply(200, page, headers)
}

const listRepos: RestHandler = (ctx) => {
  const repos: RepositorySummary[] = ctx.state.account.repos().map((r) => repository(ctx.api, r))
  const { page, headers } = paginate(repos, ctx.url, ctx.api)
  return jsonReply(200, page, headers)
}

const getRepo: RestHandler = (ctx) => {
  const { owner = '', repo = '' } = ctx.params
  const spec = ctx.state.account.repo(owner, repo)
  const canAdmin = ctx.identity.kind === 'classic' || ctx.identity.canAdministerRunners
  return jsonReply(
    200,
    fullRepository(ctx.api, { ...spec, admin: (spec.admin ?? true) && canAdmin }),
  )
}

/** Account routes. */
export const accountRoutes: readonly Route<RestHandler>[] = [
  { method: 'GET', template: '/user', handler: getUser },
  { method: 'GET', template: '/user/orgs', handler: listOrgs },
  { method: 'GET', template: '/user/repos', handler: listRepos },
  { method: 'GET', template: '/repos/{owner}/{repo}', handler: getRepo },
]
