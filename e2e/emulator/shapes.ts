// Builders for GitHub's response bodies, each typed with @octokit/openapi-types so a field GitHub
// requires cannot be forgotten. `api` is the emulator's base URL (GitHub: https://api.github.com).
import type {
  OrganizationSimple,
  PublicUser,
  Runner,
  RunnerGroup,
  SimpleUser,
} from './github-types'
import type { RunnerGroupRecord } from './runner-groups'
import type { RunnerRecord } from './runner-store'

/** When every emulated account and repository was created. */
export const EPOCH = '2020-01-01T00:00:00Z'

/** A time as GitHub writes it: ISO 8601 in UTC, whole seconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** A stable positive id for a name (orgs and repos have no counter of their own here). */
export function stableId(name: string): number {
  let hash = 2166136261
  for (const char of name.toLowerCase()) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return 1000 + ((hash >>> 0) % 90_000_000)
}

/** A runner as `GET .../actions/runners` lists it; `version` once it has connected (GitHub's rule). */
export function runnerBody(
  runner: RunnerRecord,
  status: 'online' | 'offline',
  busy: boolean,
): Runner {
  return {
    id: runner.id,
    name: runner.name,
    os: 'linux',
    status,
    busy,
    ephemeral: true,
    runner_group_id: runner.groupId,
    labels: runner.labels.map((l) => ({ ...l })),
    ...(runner.version === null ? {} : { version: runner.version }),
  }
}

/** The `simple-user` object for a login. */
export function simpleUser(api: string, login: string, id: number, type = 'User'): SimpleUser {
  const user = `${api}/users/${login}`
  return {
    login,
    id,
    node_id: Buffer.from(`04:${type}${id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: user,
    html_url: `https://github.com/${login}`,
    followers_url: `${user}/followers`,
    following_url: `${user}/following{/other_user}`,
    gists_url: `${user}/gists{/gist_id}`,
    starred_url: `${user}/starred{/owner}{/repo}`,
    subscriptions_url: `${user}/subscriptions`,
    organizations_url: `${user}/orgs`,
    repos_url: `${user}/repos`,
    events_url: `${user}/events{/privacy}`,
    received_events_url: `${user}/received_events`,
    type,
    site_admin: false,
  }
}

/** `GET /user`. */
export function publicUser(api: string, login: string, id: number): PublicUser {
  return {
    ...simpleUser(api, login, id),
    name: login === 'octocat' ? 'The Octocat' : login,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 2,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: EPOCH,
    updated_at: EPOCH,
  }
}

/** An entry of `GET /user/orgs`. */
export function organization(api: string, login: string): OrganizationSimple {
  const org = `${api}/orgs/${login}`
  const id = stableId(`org:${login}`)
  return {
    login,
    id,
    node_id: Buffer.from(`04:Organization${id}`).toString('base64'),
    url: org,
    repos_url: `${org}/repos`,
    events_url: `${org}/events`,
    hooks_url: `${org}/hooks`,
    issues_url: `${org}/issues`,
    members_url: `${org}/members{/member}`,
    public_members_url: `${org}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    description: null,
  }
}

/** A runner group of an organization. */
export function runnerGroup(api: string, org: string, group: RunnerGroupRecord): RunnerGroup {
  const url = `${api}/orgs/${org}/actions/runner-groups/${group.id}`
  return {
    id: group.id,
    name: group.name,
    visibility: group.visibility,
    default: group.default,
    runners_url: `${url}/runners`,
    ...(group.visibility === 'selected'
      ? { selected_repositories_url: `${url}/repositories` }
      : {}),
    inherited: false,
    allows_public_repositories: group.allowsPublicRepositories,
    restricted_to_workflows: false,
    selected_workflows: [],
    workflow_restrictions_read_only: false,
  }
}
