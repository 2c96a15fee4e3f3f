// One REST request from arrival to answer, in GitHub's order: latency, injected 5xx,
// authentication, secondary then primary rate limits, the handler, conditional GET (ETag/304),
// then the rate-limit accounting a 304 is exempt from (docs/github-facts.md, "rate limits").
import { createHash, randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { EmulatorState } from './emulator-state'
import { delay, parseBody, type Reply } from './http-io'
import { DOCS, errorReply, type RestHandler } from './rest-context'
import { Router } from './router'
import { accountRoutes } from './routes-account'
import { contentRoutes } from './routes-contents'
import { repoRoutes } from './routes-repos'
import { runRoutes } from './routes-runs'
import { runnerRoutes } from './routes-runners'
import type { RateBudget } from './rate-limits'
import { parseAuthorization, type TokenIdentity } from './tokens'

const router = new Router<RestHandler>([
  ...runnerRoutes,
  ...accountRoutes,
  ...repoRoutes,
  ...contentRoutes,
  ...runRoutes,
])

const SERVER_ERRORS: Record<number, string> = {
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/** The request as the pipeline needs it. */
export interface RestRequest {
  readonly req: IncomingMessage
  readonly url: URL
  readonly api: string
  readonly bodyText: string
}

/** Answers a REST request and records it in the stats. */
export async function handleRest(state: EmulatorState, request: RestRequest): Promise<Reply> {
  await delay(state.faults.latencyMs)
  state.dispatcher.sweep()
  const method = request.req.method ?? 'GET'
  const match = router.match(method, request.url.pathname)
  const route =
    typeof match === 'string' ? `${method} (unmatched)` : `${method} ${match.route.template}`
  const requestId = randomBytes(8).toString('hex').toUpperCase()
  const reply = decide(state, request, match, requestId)
  state.stats.record(route, reply.status)
  return { ...reply, headers: { ...baseHeaders(request.req, requestId), ...reply.headers } }
}

function decide(
  state: EmulatorState,
  { req, url, api, bodyText }: RestRequest,
  match: ReturnType<Router<RestHandler>['match']>,
  requestId: string,
): Reply {
  const fault = state.faults.take(url.pathname)
  if (fault.kind === 'server-error') {
    return errorReply(fault.status, SERVER_ERRORS[fault.status] ?? 'Server Error')
  }
  // No token at all is "Requires authentication"; a wrong or revoked one is "Bad credentials".
  if (parseAuthorization(req.headers.authorization) === null) {
    return errorReply(401, 'Requires authentication', DOCS.rest)
  }
  const identity = state.tokens.authenticate(req.headers.authorization)
  if (!identity) return errorReply(401, 'Bad credentials', DOCS.rest)
  const budget = state.rateLimits.budget(identity.token)
  if (fault.kind === 'secondary-limit') {
    const message =
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
      `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`
    const headers = { ...rateHeaders(budget), 'Retry-After': String(fault.retryAfterSeconds) }
    return errorReply(fault.status, message, DOCS.secondaryLimit, headers)
  }
  if (budget.remaining === 0) {
    const message = `API rate limit exceeded for user ID ${identity.userId}.`
    return errorReply(
      state.rateLimits.exceededStatus,
      message,
      DOCS.primaryLimit,
      rateHeaders(budget),
    )
  }
  const scopes: Record<string, string> =
    identity.kind === 'classic' ? { 'X-OAuth-Scopes': identity.scopes.join(', ') } : {}
  const reply = answer(state, match, { url, api, bodyText, req, identity })
  const etagged = conditional(req, reply)
  if (etagged.status !== 304) state.rateLimits.spend(identity.token)
  const spent = state.rateLimits.budget(identity.token)
  return { ...etagged, headers: { ...etagged.headers, ...rateHeaders(spent), ...scopes } }
}

function answer(
  state: EmulatorState,
  match: ReturnType<Router<RestHandler>['match']>,
  ctx: RestRequest & { identity: TokenIdentity },
): Reply {
  if (typeof match === 'string') return errorReply(404, 'Not Found', DOCS.rest)
  const parsed = parseBody(ctx.bodyText, ctx.req.headers['content-type'])
  if (!parsed.ok) return errorReply(400, 'Problems parsing JSON', DOCS.rest)
  return match.route.handler({
    params: match.params,
    query: ctx.url.searchParams,
    body: parsed.value,
    identity: ctx.identity,
    state,
    api: ctx.api,
    url: ctx.url,
    accept: ctx.req.headers.accept ?? '',
  })
}

/** Adds an ETag to a 200 GET and turns it into a bodiless 304 when `If-None-Match` matches. */
function conditional(req: IncomingMessage, reply: Reply): Reply {
  if (req.method !== 'GET' || reply.status !== 200) return reply
  const { etagSeed = '', ...sent } = reply
  const content = reply.text ?? JSON.stringify(reply.body)
  const etag = `W/"${createHash('sha256').update(`${content}\0${etagSeed}`).digest('hex')}"`
  const headers = {
    ...sent.headers,
    ETag: etag,
    'Cache-Control': 'private, max-age=60, s-maxage=60',
  }
  const strip = (tag: string) => tag.trim().replace(/^W\//, '')
  const wanted = (req.headers['if-none-match'] ?? '').split(',').map(strip)
  if (wanted.includes('*') || wanted.includes(strip(etag))) return { status: 304, headers }
  return { ...sent, headers }
}

/** `X-RateLimit-*` headers for a budget. */
export function rateHeaders(budget: RateBudget): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(budget.limit),
    'X-RateLimit-Remaining': String(budget.remaining),
    'X-RateLimit-Reset': String(budget.reset),
    'X-RateLimit-Used': String(budget.used),
    'X-RateLimit-Resource': 'core',
  }
}

function baseHeaders(req: IncomingMessage, requestId: string): Record<string, string> {
  const version = req.headers['x-github-api-version']
  return {
    'X-GitHub-Request-Id': requestId,
    'X-GitHub-Media-Type': 'github.v3; format=json',
    'X-GitHub-Api-Version-Selected': typeof version === 'string' ? version : '2022-11-28',
    Vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
  }
}
