import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import { err, ok, type Result } from '../../../common/result'
import { toGitHubFailure, type GitHubFailure } from './github-failure'
import type { RateLimitNotice } from './github-port'

const RestWithPlugins = Octokit.plugin(throttling, retry)

/** A call's deadline unless the caller sets one: long enough for a slow GitHub, short enough to say so. */
export const DEFAULT_CALL_DEADLINE_MS = 8_000

/** Options for the Octokit-backed adapter. */
export interface OctokitGitHubOptions {
  readonly apiUrl: string
  readonly token: string
  /** Called when a request waits for a rate limit, so the pool can show when it resumes. */
  readonly onRateLimit?: (notice: RateLimitNotice) => void
  /** Called after every answer (metrics): the route template and the status (304 included). */
  readonly onResponse?: (route: string, status: number, rateLimitRemaining: number | null) => void
  /**
   * Longest rate-limit wait to sit out inside a call; longer ones fail it as `rate-limited` and
   * the pool holds creation instead (a call never outlives its deadline).
   */
  readonly maxRateLimitWaitSeconds?: number
  /**
   * Every call's deadline, retries and rate-limit waits included: a GitHub that does not answer
   * becomes an `unanswered` failure within seconds, never a hang.
   */
  readonly callDeadlineMs?: number
  /** Base delay of the retry plugin's backoff for 5xx answers (ms). */
  readonly retryBaseMs?: number
  readonly userAgent?: string
}

/** Octokit's per-request options: the signal that carries the call's deadline. */
export interface RequestOptions {
  readonly signal: AbortSignal
}

/** The Octokit client and the helpers every API area uses. */
export interface OctokitClient {
  readonly octokit: InstanceType<typeof RestWithPlugins>
  /**
   * Runs a call with a deadline (and the caller's own signal), turning a thrown Octokit error into
   * a typed failure. The call resolves by its deadline whatever happens inside: the retry plugin
   * would otherwise sleep between attempts that can no longer succeed.
   */
  call<T>(
    what: string,
    run: (request: RequestOptions) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<Result<T, GitHubFailure>>
  /**
   * A conditional GET: the last answer for `key` is kept with its ETag, and a 304 (free of rate
   * limit) returns it with `changed: false`.
   */
  conditional<T>(
    what: string,
    key: string,
    fetch: (
      headers: Record<string, string>,
      request: RequestOptions,
    ) => Promise<{ data: unknown; etag: string | undefined }>,
    map: (data: unknown) => T,
    signal?: AbortSignal,
  ): Promise<Result<{ changed: boolean; value: T }, GitHubFailure>>
}

/**
 * The Octokit client with GitHub's recommended throttling and retries. Writes may run 8 at once
 * (the plugin's default of one per second would serialise scale-up); GitHub's secondary limits
 * (100 concurrent, 900 points a minute) are far above that, and the throttling plugin honours
 * `Retry-After` when they are hit.
 */
export function createOctokitClient(options: OctokitGitHubOptions): OctokitClient {
  const deadlineMs = options.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS
  const maxWait = options.maxRateLimitWaitSeconds ?? Math.max(0, Math.floor(deadlineMs / 1000) - 2)
  const onLimit =
    (kind: RateLimitNotice['kind']) =>
    (retryAfter: number, req: { method: string; url: string }, _o: unknown, retryCount: number) => {
      options.onRateLimit?.({
        kind,
        retryAfterSeconds: retryAfter,
        method: req.method,
        url: req.url,
      })
      return retryCount < 3 && retryAfter <= maxWait
    }
  const octokit = new RestWithPlugins({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: options.userAgent ?? 'RunnerDock',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: {
      id: `runnerdock-${Math.random().toString(36).slice(2)}`,
      write: new Bottleneck.Group({ maxConcurrent: 8, minTime: 0 }),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
    retry: { retryAfterBaseValue: options.retryBaseMs ?? 1000 } as never,
  })
  if (options.onResponse) {
    const report = options.onResponse
    octokit.hook.wrap('request', async (request, requestOptions) => {
      const route = `${requestOptions.method} ${String(requestOptions.url)}`
      try {
        const response = await request(requestOptions)
        report(route, response.status, remaining(response.headers))
        return response
      } catch (error) {
        const e = error as { status?: number; response?: { headers?: Record<string, unknown> } }
        if (typeof e.status === 'number') report(route, e.status, remaining(e.response?.headers))
        throw error
      }
    })
  }
  const cache = new Map<string, { etag: string; value: unknown }>()
  const call = async <T>(
    what: string,
    run: (request: RequestOptions) => Promise<T>,
    callerSignal?: AbortSignal,
  ): Promise<Result<T, GitHubFailure>> => {
    const deadline = AbortSignal.timeout(deadlineMs)
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline
    const running = run({ signal })
    running.catch(() => {}) // may settle after the deadline: nobody listens then
    try {
      return ok(await Promise.race([running, aborted(signal)]))
    } catch (error) {
      return err(toGitHubFailure(error, what, options.apiUrl))
    }
  }
  return {
    octokit,
    call,
    conditional: async (what, key, fetch, map, signal) => {
      const cached = cache.get(key)
      return call(
        what,
        async (request) => {
          try {
            const response = await fetch(cached ? { 'if-none-match': cached.etag } : {}, request)
            const value = map(response.data)
            if (response.etag) cache.set(key, { etag: response.etag, value })
            return { changed: true, value }
          } catch (error) {
            if ((error as { status?: number }).status !== 304 || !cached) throw error
            return { changed: false, value: cached.value as ReturnType<typeof map> }
          }
        },
        signal,
      )
    },
  }
}

/** Rejects when `signal` aborts, with an error GitHub failures read as "does not answer". */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () =>
      reject(
        Object.assign(new Error('The operation was aborted due to timeout'), {
          name: 'TimeoutError',
        }),
      )
    if (signal.aborted) return fail()
    signal.addEventListener('abort', fail, { once: true })
  })
}

function remaining(headers: Record<string, unknown> | undefined): number | null {
  const value = Number(headers?.['x-ratelimit-remaining'])
  return Number.isFinite(value) ? value : null
}
