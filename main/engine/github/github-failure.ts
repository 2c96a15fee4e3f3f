/**
 * Why a GitHub call failed, sorted into what the pool and the user can act on. `message` is for
 * people; `detail` keeps GitHub's own words for logs. Neither ever holds the token.
 */
export interface GitHubFailure {
  readonly kind:
    | 'unauthorized'
    | 'forbidden'
    | 'not-found'
    | 'conflict'
    | 'busy'
    | 'invalid'
    | 'rate-limited'
    | 'server'
    | 'network'
    | 'unanswered'
  readonly status: number | null
  readonly message: string
  readonly detail: string
}

interface ErrorLike {
  status?: unknown
  message?: unknown
  response?: { headers?: Record<string, unknown>; data?: unknown }
}

function githubMessage(error: ErrorLike): string {
  const data = error.response?.data
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') {
    return data.message
  }
  return typeof error.message === 'string' ? error.message : String(error)
}

/**
 * Maps an Octokit error (or a network failure) to a `GitHubFailure`. Pure: decides on the status
 * code and GitHub's message only, so every branch is unit-tested.
 */
export function toGitHubFailure(error: unknown, what: string, apiUrl: string): GitHubFailure {
  const e = (error ?? {}) as ErrorLike
  const status = typeof e.status === 'number' ? e.status : null
  const detail = githubMessage(e)
  const remaining = e.response?.headers?.['x-ratelimit-remaining']
  if (status === 401) {
    return {
      kind: 'unauthorized',
      status,
      detail,
      message: `GitHub rejected the token while trying to ${what} (it may be revoked or expired). Set a new token, then start again.`,
    }
  }
  if (status === 429 || (status === 403 && (remaining === '0' || /rate limit/i.test(detail)))) {
    return {
      kind: 'rate-limited',
      status,
      detail,
      message: `GitHub's rate limit was reached while trying to ${what}. RunnerDock waits for the limit to reset and continues.`,
    }
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      status,
      detail,
      message: `GitHub refused to ${what}: ${detail}. Check that the token may administer runners on this target.`,
    }
  }
  if (status === 404) {
    return {
      kind: 'not-found',
      status,
      detail,
      message: `GitHub could not find what was needed to ${what}: the target does not exist or the token cannot see it.`,
    }
  }
  if (status === 409)
    return {
      kind: 'conflict',
      status,
      detail,
      message: `GitHub reported a conflict while trying to ${what}: ${detail}`,
    }
  if (status === 422 && /still running a job/i.test(detail)) {
    return {
      kind: 'busy',
      status,
      detail,
      message: `The runner is still running a job, so GitHub keeps its registration for now.`,
    }
  }
  if (status === 422 || status === 400) {
    return {
      kind: 'invalid',
      status,
      detail,
      message: `GitHub did not accept the request to ${what}: ${detail}`,
    }
  }
  if (isUnanswered(error, detail)) {
    return {
      kind: 'unanswered',
      status: null,
      detail,
      message: `GitHub at ${hostOf(apiUrl)} does not answer (trying to ${what}): check your network or VPN.`,
    }
  }
  if (status !== null && status >= 500 && !isNetworkError(detail)) {
    return {
      kind: 'server',
      status,
      detail,
      message: `GitHub had a server error (${status}) while trying to ${what}. RunnerDock retries with backoff.`,
    }
  }
  return {
    kind: 'network',
    status,
    detail,
    message: `Could not reach GitHub at ${apiUrl} to ${what}. Check your network connection (and the API URL for GitHub Enterprise Server).`,
  }
}

// @octokit/request reports a failed fetch as status 500 with the cause in the message.
function isNetworkError(detail: string): boolean {
  return /fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|aborted|timeout/i.test(
    detail,
  )
}

// A call that ran out of its deadline (ours, or a stop's): aborted rather than refused.
function isUnanswered(error: unknown, detail: string): boolean {
  const name = (error as { name?: unknown } | null)?.name
  return (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    /operation was aborted|aborted due to timeout|The user aborted|UND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT/i.test(
      detail,
    )
  )
}

function hostOf(apiUrl: string): string {
  try {
    const host = new URL(apiUrl).host
    return host === 'api.github.com' ? 'github.com' : host
  } catch {
    return apiUrl
  }
}
