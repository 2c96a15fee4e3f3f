import type { Target } from '../../../common/target'
import { ok } from '../../../common/result'
import { parseScopesHeader } from '../../../common/token-access'
import type { GitHubPort, RegisteredRunner } from './github-port'
import type { OctokitClient } from './octokit-client'

type Scope = { owner: string; repo: string } | { org: string }

function scope(target: Target): Scope {
  return target.kind === 'repo' ? { owner: target.owner, repo: target.repo } : { org: target.org }
}

function base(target: Target): string {
  return target.kind === 'repo' ? '/repos/{owner}/{repo}' : '/orgs/{org}'
}

type RunnerApi = Pick<
  GitHubPort,
  | 'identify'
  | 'probeRunnerAdmin'
  | 'resolveGroup'
  | 'createJitRunner'
  | 'listRunners'
  | 'listAdminTargets'
  | 'deleteRunner'
>

/** The self-hosted runner endpoints (docs/github-facts.md, "REST calls we make"). */
export function runnerApi(client: OctokitClient): RunnerApi {
  const { octokit, call, conditional } = client
  return {
    identify: () =>
      call('check the token', async (request) => {
        const response = await octokit.request('GET /user', { request })
        return {
          login: response.data.login,
          scopes: parseScopesHeader(response.headers['x-oauth-scopes'] as string | undefined),
        }
      }),

    probeRunnerAdmin: async (target) =>
      call('check runner permissions', async (request) => {
        await octokit.request(`POST ${base(target)}/actions/runners/registration-token`, {
          ...scope(target),
          request,
        })
      }),

    resolveGroup: async (target, groupName, callOptions) => {
      if (target.kind === 'repo') return ok({ id: 1, allowsPublicRepositories: true })
      return call(
        'find the runner group',
        async (request) => {
          const response = await octokit.request('GET /orgs/{org}/actions/runner-groups', {
            org: target.org,
            per_page: 100,
            request,
          })
          const groups = response.data.runner_groups
          const wanted =
            groupName === null
              ? groups.find((g) => g.default)
              : groups.find((g) => g.name.toLowerCase() === groupName.toLowerCase())
          if (!wanted) {
            throw Object.assign(
              new Error(`No runner group named "${groupName}" in ${target.org}`),
              {
                status: 404,
              },
            )
          }
          return { id: wanted.id, allowsPublicRepositories: wanted.allows_public_repositories }
        },
        callOptions?.signal,
      )
    },

    createJitRunner: async (target, req) =>
      call('register a runner', async (request) => {
        const response = await octokit.request(
          `POST ${base(target)}/actions/runners/generate-jitconfig`,
          {
            ...scope(target),
            name: req.name,
            runner_group_id: req.groupId,
            labels: [...req.labels],
            work_folder: req.workFolder ?? '_work',
            request,
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
      const key = `runners:${base(target)}:${JSON.stringify(scope(target))}`
      const all: RegisteredRunner[] = []
      let changed = false
      for (let page = 1; ; page++) {
        const listed = await conditional(
          'list runners',
          `${key}#${page}`,
          async (headers, request) => {
            const response = await octokit.request(`GET ${base(target)}/actions/runners`, {
              ...scope(target),
              per_page: 100,
              page,
              headers,
              request,
            })
            return { data: response.data, etag: response.headers.etag }
          },
          (data) => {
            const d = data as {
              total_count: number
              runners: Array<{
                id: number
                name: string
                status: string
                busy: boolean
                labels: Array<{ name: string }>
              }>
            }
            return {
              total: d.total_count,
              runners: d.runners.map((r): RegisteredRunner => ({
                id: r.id,
                name: r.name,
                status: r.status === 'online' ? 'online' : 'offline',
                busy: r.busy,
                labels: r.labels.map((l) => l.name),
              })),
            }
          },
          callOptions?.signal,
        )
        if (!listed.ok) return listed
        changed ||= listed.value.changed
        all.push(...listed.value.value.runners)
        if (listed.value.value.runners.length < 100 || all.length >= listed.value.value.total) break
      }
      return ok({ changed, runners: all })
    },

    listAdminTargets: () =>
      call('list your repositories and organizations', async (request) => {
        const [orgs, repos] = await Promise.all([
          octokit.request('GET /user/orgs', { per_page: 100, request }),
          octokit.request('GET /user/repos', {
            per_page: 100,
            sort: 'pushed',
            affiliation: 'owner,organization_member',
            request,
          }),
        ])
        const targets: Target[] = orgs.data.map((o) => ({ kind: 'org', org: o.login }))
        for (const r of repos.data)
          if (r.permissions?.admin)
            targets.push({ kind: 'repo', owner: r.owner.login, repo: r.name })
        return targets
      }),

    deleteRunner: async (target, runnerId, callOptions) => {
      const result = await call(
        'remove a runner registration',
        async (request) => {
          await octokit.request(`DELETE ${base(target)}/actions/runners/{runner_id}`, {
            ...scope(target),
            runner_id: runnerId,
            request,
          })
          return 'deleted' as const
        },
        callOptions?.signal,
      )
      if (!result.ok && result.error.kind === 'not-found') return ok('gone')
      return result
    },
  }
}
