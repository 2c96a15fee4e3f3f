import { err, ok } from '../../../common/result'
import type { GitHubPort, RepositoryInfo } from './github-port'
import type { OctokitClient } from './octokit-client'

type RepoApi = Pick<
  GitHubPort,
  | 'getRepository'
  | 'listAccountRepositories'
  | 'listOrgRepositories'
  | 'listWorkflowFiles'
  | 'readFile'
>

interface RepositoryData {
  name: string
  owner: { login: string }
  private: boolean
  visibility?: string
  archived?: boolean
  permissions?: { admin?: boolean }
}

/** GitHub's repository object, as much of it as RunnerDock needs. */
export function toRepositoryInfo(data: RepositoryData): RepositoryInfo {
  const visibility =
    data.visibility === 'public' || data.visibility === 'private' || data.visibility === 'internal'
      ? data.visibility
      : data.private
        ? 'private'
        : 'public'
  return {
    owner: data.owner.login,
    repo: data.name,
    visibility,
    admin: data.permissions?.admin === true,
    archived: data.archived === true,
  }
}

const WORKFLOWS = '.github/workflows'

/** Repositories and their workflow files (the contents API), read with conditional requests. */
export function repoApi(client: OctokitClient): RepoApi {
  const { octokit, call, conditional } = client
  const list = (what: string, key: string, route: string, params: Record<string, unknown>) =>
    conditional(
      what,
      key,
      async (headers, request) => {
        const { signal: _signal, ...rest } = params
        const response = await octokit.request(route, { ...rest, per_page: 100, headers, request })
        return { data: response.data, etag: response.headers.etag }
      },
      (data) => (data as RepositoryData[]).map(toRepositoryInfo),
      params.signal as AbortSignal | undefined,
    )
  return {
    getRepository: async (repo, options) =>
      call(
        'read the repository',
        async (request) => {
          const response = await octokit.request('GET /repos/{owner}/{repo}', { ...repo, request })
          return toRepositoryInfo(response.data as RepositoryData)
        },
        options?.signal,
      ),

    listAccountRepositories: (options) =>
      list('list your repositories', 'user-repos', 'GET /user/repos', {
        affiliation: 'owner,collaborator,organization_member',
        sort: 'pushed',
        signal: options?.signal,
      }),

    listOrgRepositories: (org, options) =>
      list('list the organization’s repositories', `org-repos:${org}`, 'GET /orgs/{org}/repos', {
        org,
        sort: 'pushed',
        signal: options?.signal,
      }),

    listWorkflowFiles: async (repo, options) => {
      const listed = await conditional(
        'list workflow files',
        `workflows:${repo.owner}/${repo.repo}`,
        async (headers, request) => {
          const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
            ...repo,
            path: WORKFLOWS,
            headers,
            request,
          })
          return { data: response.data, etag: response.headers.etag }
        },
        (data) =>
          (Array.isArray(data) ? (data as { type: string; path: string; sha: string }[]) : [])
            .filter((e) => e.type === 'file' && /\.ya?ml$/i.test(e.path))
            .map((e) => ({ path: e.path, sha: e.sha })),
        options?.signal,
      )
      // No workflows folder (or an empty repository): no workflows.
      if (!listed.ok && listed.error.kind === 'not-found') return ok({ changed: true, value: [] })
      return listed
    },

    readFile: async (repo, path, options) => {
      const read = await conditional(
        'read a workflow file',
        `file:${repo.owner}/${repo.repo}/${path}`,
        async (headers, request) => {
          const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
            ...repo,
            path,
            headers,
            request,
          })
          return { data: response.data, etag: response.headers.etag }
        },
        (data) => {
          const file = data as { type?: string; encoding?: string; content?: string }
          if (file.type !== 'file' || file.encoding !== 'base64' || file.content === undefined)
            throw Object.assign(new Error(`${path} is not a file`), { status: 422 })
          return Buffer.from(file.content.replace(/\s+/g, ''), 'base64').toString('utf8')
        },
        options?.signal,
      )
      return read.ok ? read : err(read.error)
    },
  }
}
