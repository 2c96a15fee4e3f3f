import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import { err, ok, type Result } from '../../../common/result'
import type { Target } from '../../../common/target'
import { parseScopesHeader } from '../../../common/token-access'
import { toGitHubFailure, type GitHubFailure } from './github-failure'
import type { GitHubPort, RateLimitNotice, RegisteredRunner } from './github-port'

const RestWithPlugins = Octokit.plugin(throttling, retry)

/** A call's deadline unless the caller sets one: long enough for a slow GitHub, short enough to say so. */
export const DEFAULT_CALL_DEADLINE_MS = 8_000

/** Options for the Octokit-backed adapter. */
export interface OctokitGitHubOptions {
  readonly apiUrl: string
  readonly token: string
  /** Called when a request waits for a rate limit, so the pool can show when it resumes. */
  readonly onRateLimit?: (notice: RateLimitNotice) => void
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

type Scope = { owner: string; repo: string } | { org: string }

function scope(target: Target): Scope {
  return target.kind === 'repo' ? { owner: target.owner, repo: target.repo } : { org: target.org }
}

function base(target: Target): string {
  return target.kind === 'repo' ? '/repos/{owner}/{repo}' : '/orgs/{org}'
}

/**
 * The GitHub adapter on @octokit/rest with GitHub's recommended throttling and retries. Writes may
 * run 8 at once (the plugin's default of one per second would serialise scale-up); GitHub's
 * secondary limits (100 concurrent, 900 points a minute) are far above that, and the throttling
 * plugin honours `Retry-After` when they are hit.
 */
export function createOctokitGitHub(options: OctokitGitHubOptions): GitHubPort {
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
  // ETag per listing URL: an unchanged list answers 304, which GitHub does not count.
  const etags = new Map<string, { etag: string; runners: RegisteredRunner[] }>()
  const request = (signal?: AbortSignal) => ({
    signal: signal
      ? AbortSignal.any([signal, AbortSignal.timeout(deadlineMs)])
      : AbortSignal.timeout(deadlineMs),
  })

  async function call<T>(what: string, run: () => Promise<T>): Promise<Result<T, GitHubFailure>> {
    try {
      return ok(await run())
    } catch (error) {
      return err(toGitHubFailure(error, what, options.apiUrl))
    }
  }

  return {
    identify: () =>
      call('check the token', async () => {
        const response = await octokit.request('GET /user', { request: request() })
        return {
          login: response.data.login,
          scopes: parseScopesHeader(response.headers['x-oauth-scopes'] as string | undefined),
        }
      }),

    probeRunnerAdmin: async (target) =>
      call('check runner permissions', async () => {
        await octokit.request(`POST ${base(target)}/actions/runners/registration-token`, {
          ...scope(target),
          request: request(),
        })
      }),

    resolveGroupId: async (target, groupName) => {
      if (target.kind === 'repo') return ok(1)
      return call('find the runner group', async () => {
        const response = await octokit.request('GET /orgs/{org}/actions/runner-groups', {
          org: target.org,
          per_page: 100,
          request: request(),
        })
        const groups = response.data.runner_groups
        const wanted =
          groupName === null
            ? groups.find((g) => g.default)
            : groups.find((g) => g.name.toLowerCase() === groupName.toLowerCase())
        if (!wanted) {
          throw Object.assign(new Error(`No runner group named "${groupName}" in ${target.org}`), {
            status: 404,
          })
        }
        return wanted.id
      })
    },

    createJitRunner: async (target, req) =>
      call('register a runner', async () => {
        const response = await octokit.request(
          `POST ${base(target)}/actions/runners/generate-jitconfig`,
          {
            ...scope(target),
            name: req.name,
            runner_group_id: req.groupId,
            labels: [...req.labels],
            work_folder: req.workFolder ?? '_work',
            request: request(),
          },
        )
        const data = response.data as {
          runner: { id: number; name: string }
          encoded_jit_config: string
        }
        return {
          runnerId: data.runner.id,
          name: data.runner.name,
          encodedJitConfig: data.encoded_jit_config,
        }
      }),

    listRunners: async (target, callOptions) => {
      const key =
        target.kind === 'repo' ? `repo:${target.owner}/${target.repo}` : `org:${target.org}`
      return call('list runners', async () => {
        let changed = false
        const all: RegisteredRunner[] = []
        for (let page = 1; ; page++) {
          const pageKey = `${key}#${page}`
          const cached = etags.get(pageKey)
          let runners: RegisteredRunner[]
          let total: number
          try {
            const response = await octokit.request(`GET ${base(target)}/actions/runners`, {
              ...scope(target),
              per_page: 100,
              page,
              headers: cached ? { 'if-none-match': cached.etag } : {},
              request: request(callOptions?.signal),
            })
            const data = response.data as {
              total_count: number
              runners: Array<{
                id: number
                name: string
                status: string
                busy: boolean
                labels: Array<{ name: string }>
              }>
            }
            runners = data.runners.map((r) => ({
              id: r.id,
              name: r.name,
              status: r.status === 'online' ? 'online' : 'offline',
              busy: r.busy,
              labels: r.labels.map((l) => l.name),
            }))
            total = data.total_count
            const etag = response.headers.etag
            if (etag) etags.set(pageKey, { etag, runners })
            changed = true
          } catch (error) {
            if ((error as { status?: number }).status !== 304 || !cached) throw error
            runners = cached.runners
            total = page * 100 + (runners.length === 100 ? 1 : 0)
          }
          all.push(...runners)
          if (runners.length < 100 || all.length >= total) break
        }
        return { changed, runners: all }
      })
    },

    listAdminTargets: () =>
      call('list your repositories and organizations', async () => {
        const [orgs, repos] = await Promise.all([
          octokit.request('GET /user/orgs', { per_page: 100, request: request() }),
          octokit.request('GET /user/repos', {
            per_page: 100,
            sort: 'pushed',
            affiliation: 'owner,organization_member',
            request: request(),
          }),
        ])
        const targets: Target[] = orgs.data.map((o) => ({ kind: 'org', org: o.login }))
        for (const r of repos.data)
          if (r.permissions?.admin)
            targets.push({ kind: 'repo', owner: r.owner.login, repo: r.name })
        return targets
      }),

    deleteRunner: async (target, runnerId, callOptions) => {
      const result = await call('remove a runner registration', async () => {
        await octokit.request(`DELETE ${base(target)}/actions/runners/{runner_id}`, {
          ...scope(target),
          runner_id: runnerId,
          request: request(callOptions?.signal),
        })
        return 'deleted' as const
      })
      if (!result.ok && result.error.kind === 'not-found') return ok('gone')
      return result
    },
  }
}
