// What a REST handler receives and the GitHub-style error answers handlers share.
import type { EmulatorState } from './emulator-state'
import type { BasicError, ValidationErrorSimple } from './github-types'
import type { Reply } from './http-io'
import type { TokenIdentity } from './tokens'

/** A REST request after authentication: path parameters, query, parsed body, caller. */
export interface RestContext {
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly body: unknown
  readonly identity: TokenIdentity
  readonly state: EmulatorState
  /** Base URL as the client addressed it (for `url` fields and `Link` headers). */
  readonly api: string
  readonly url: URL
  /** The request's `Accept` header ('' when absent), for GitHub's custom media types. */
  readonly accept: string
}

/** A REST handler. */
export type RestHandler = (ctx: RestContext) => Reply

/** Documentation pages GitHub's errors link to. */
export const DOCS = {
  rest: 'https://docs.github.com/rest',
  runners: 'https://docs.github.com/rest/actions/self-hosted-runners',
  runnerGroups: 'https://docs.github.com/rest/actions/self-hosted-runner-groups',
  user: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  repos: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  userRepos:
    'https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user',
  orgRepos: 'https://docs.github.com/rest/repos/repos#list-organization-repositories',
  contents: 'https://docs.github.com/rest/repos/contents#get-repository-content',
  runs: 'https://docs.github.com/rest/actions/workflow-runs',
  jobs: 'https://docs.github.com/rest/actions/workflow-jobs',
  primaryLimit:
    'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits',
  secondaryLimit:
    'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
} as const

/** GitHub's error body: `{message, documentation_url, status}`. */
export function errorReply(
  status: number,
  message: string,
  documentationUrl: string = DOCS.rest,
  headers?: Record<string, string>,
): Reply {
  const body: BasicError = { message, documentation_url: documentationUrl, status: String(status) }
  return { status, body, ...(headers ? { headers } : {}) }
}

/** GitHub's 422 `validation-error-simple`. */
export function validationReply(detail: string, documentationUrl: string): Reply {
  const body: ValidationErrorSimple & { status: string } = {
    message: `Invalid request.\n\n${detail}`,
    documentation_url: documentationUrl,
    errors: [detail],
    status: '422',
  }
  return { status: 422, body }
}

/** A JSON answer. */
export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, ...(headers ? { headers } : {}) }
}

/** `per_page` (default 30, at most 100) and `page` (from 1) as GitHub reads them. */
export function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  const perPage = Math.min(
    100,
    Math.max(1, Number.parseInt(query.get('per_page') ?? '30', 10) || 30),
  )
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1)
  return { perPage, page }
}

/** One page of `items` and the `Link` header pointing at its neighbours. */
export function paginate<T>(
  items: readonly T[],
  url: URL,
  api: string,
): { page: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(url.searchParams)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const link = (n: number, rel: string): string => {
    const next = new URL(url.pathname + url.search, api)
    next.searchParams.set('per_page', String(perPage))
    next.searchParams.set('page', String(n))
    return `<${next.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(page - 1, 'prev'))
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  const headers: Record<string, string> = links.length > 0 ? { Link: links.join(', ') } : {}
  return { page: items.slice((page - 1) * perPage, page * perPage), headers }
}
