// Who the token belongs to: `GET /user` (with `X-OAuth-Scopes` for classic tokens, added by the
// pipeline) and `GET /user/orgs`. Repositories are in routes-repos.ts.
import type { OrganizationSimple } from './github-types'
import { jsonReply, paginate, type RestHandler } from './rest-context'
import type { Route } from './router'
import { organization, publicUser } from './shapes'

const getUser: RestHandler = (ctx) =>
  jsonReply(200, publicUser(ctx.api, ctx.identity.login, ctx.identity.userId))

const listOrgs: RestHandler = (ctx) => {
  const orgs: OrganizationSimple[] = ctx.state.account.orgs().map((o) => organization(ctx.api, o))
  const { page, headers } = paginate(orgs, ctx.url, ctx.api)
  return jsonReply(200, page, headers)
}

/** Account routes. */
export const accountRoutes: readonly Route<RestHandler>[] = [
  { method: 'GET', template: '/user', handler: getUser },
  { method: 'GET', template: '/user/orgs', handler: listOrgs },
]
