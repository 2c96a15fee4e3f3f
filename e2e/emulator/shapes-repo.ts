// Repository bodies as GitHub sends them, typed with @octokit/openapi-types so a field GitHub
// requires cannot be forgotten: the minimal object (org listings, workflow runs), the listing
// entry (`GET /user/repos`) and the full object (`GET /repos/{owner}/{repo}`).
import type {
  FullRepository,
  MinimalRepository,
  Repository,
  RepositoryPermissions,
} from './github-types'
import { PERMISSION_LEVELS, type RepoPermission, type RepoRecord } from './repo-store'
import { iso, simpleUser, stableId } from './shapes'

/** Who owns a repository, as its `owner` object says. */
export type OwnerType = 'User' | 'Organization'

/** GitHub's `permissions` object for a role: each role includes the ones below it. */
export function permissionsFor(permission: RepoPermission): RepositoryPermissions {
  const rank = PERMISSION_LEVELS.indexOf(permission)
  const has = (level: RepoPermission) => PERMISSION_LEVELS.indexOf(level) >= rank
  return {
    admin: has('admin'),
    maintain: has('maintain'),
    push: has('push'),
    triage: has('triage'),
    pull: true,
  }
}

/** The fields every repository object carries (GitHub's `minimal-repository` required set). */
export function minimalRepository(
  api: string,
  repo: RepoRecord,
  ownerType: OwnerType,
): MinimalRepository {
  return minimalFields(api, repo, ownerType)
}

/** A repository as `GET /user/repos` lists it, with the caller's role. */
export function repository(
  api: string,
  repo: RepoRecord,
  ownerType: OwnerType,
  permission: RepoPermission,
): Repository {
  return listedFields(api, repo, ownerType, permission)
}

/** A repository as `GET /orgs/{org}/repos` lists it (the same fields as `GET /user/repos`). */
export function orgRepository(
  api: string,
  repo: RepoRecord,
  permission: RepoPermission,
): MinimalRepository {
  return listedFields(api, repo, 'Organization', permission)
}

/** `GET /repos/{owner}/{repo}`. */
export function fullRepository(
  api: string,
  repo: RepoRecord,
  ownerType: OwnerType,
  permission: RepoPermission,
): FullRepository {
  return {
    ...listedFields(api, repo, ownerType, permission),
    has_discussions: false,
    subscribers_count: 0,
    network_count: 0,
  }
}

// The builders below are left to type inference on purpose: their literal field types (`null`,
// `string`) fit all three schemas, whose optional fields disagree with one another.

function minimalFields(api: string, repo: RepoRecord, ownerType: OwnerType) {
  const fullName = `${repo.owner}/${repo.name}`
  const id = stableId(`repo:${fullName}`)
  const r = `${api}/repos/${fullName}`
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name: repo.name,
    full_name: fullName,
    owner: simpleUser(api, repo.owner, stableId(`org:${repo.owner}`), ownerType),
    private: repo.visibility !== 'public',
    html_url: `https://github.com/${fullName}`,
    description: null,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    hooks_url: `${r}/hooks`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
  }
}

function listedFields(
  api: string,
  repo: RepoRecord,
  ownerType: OwnerType,
  permission: RepoPermission,
) {
  const fullName = `${repo.owner}/${repo.name}`
  return {
    ...minimalFields(api, repo, ownerType),
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `https://github.com/${fullName}.git`,
    svn_url: `https://github.com/${fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: 'main',
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: repo.visibility,
    pushed_at: iso(repo.updatedAt),
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.updatedAt),
    permissions: permissionsFor(permission),
    license: null,
    allow_forking: repo.visibility === 'public',
    web_commit_signoff_required: false,
  }
}
