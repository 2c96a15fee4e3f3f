// Repositories over plain HTTP: `GET /repos/{owner}/{repo}`, `GET /user/repos` and
// `GET /orgs/{org}/repos`, each answer checked against the required fields of GitHub's schema,
// with visibility, the caller's permissions, filters, strict mode (unknown repositories 404),
// conditional requests, and what repository runners need (admin).
import { describe, expect, it } from 'vitest'
import type { FullRepository, MinimalRepository, Repository } from './github-types'
import type { Emulator } from './index'
import { expectFields, requiredKeys } from './schema-keys'
import { expectFreeNotModified } from './test-etag'
import { useEmulator } from './test-emulator'
import { fields, type Requester } from './test-http'

const MINIMAL_FIELDS = [
  'id',
  'node_id',
  'name',
  'full_name',
  'owner',
  'private',
  'html_url',
  'description',
  'fork',
  'url',
  'archive_url',
  'assignees_url',
  'blobs_url',
  'branches_url',
  'collaborators_url',
  'comments_url',
  'commits_url',
  'compare_url',
  'contents_url',
  'contributors_url',
  'deployments_url',
  'downloads_url',
  'events_url',
  'forks_url',
  'git_commits_url',
  'git_refs_url',
  'git_tags_url',
  'hooks_url',
  'issue_comment_url',
  'issue_events_url',
  'issues_url',
  'keys_url',
  'labels_url',
  'languages_url',
  'merges_url',
  'milestones_url',
  'notifications_url',
  'pulls_url',
  'releases_url',
  'stargazers_url',
  'statuses_url',
  'subscribers_url',
  'subscription_url',
  'tags_url',
  'teams_url',
  'trees_url',
] as const
const LISTED_FIELDS = [
  ...MINIMAL_FIELDS,
  'git_url',
  'ssh_url',
  'clone_url',
  'mirror_url',
  'svn_url',
  'homepage',
  'language',
  'forks_count',
  'forks',
  'stargazers_count',
  'watchers_count',
  'watchers',
  'size',
  'default_branch',
  'open_issues_count',
  'open_issues',
  'has_issues',
  'has_projects',
  'has_wiki',
  'has_pages',
  'archived',
  'disabled',
  'pushed_at',
  'created_at',
  'updated_at',
  'license',
] as const
const MINIMAL = requiredKeys<MinimalRepository>()(MINIMAL_FIELDS)
const REPOSITORY = requiredKeys<Repository>()([...LISTED_FIELDS, 'has_downloads'])
const FULL = requiredKeys<FullRepository>()([
  ...LISTED_FIELDS,
  'has_discussions',
  'subscribers_count',
  'network_count',
])
// Not required by the schema, but what the public-repository check reads.
const VISIBILITY = ['private', 'visibility', 'permissions']

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started))

const names = (answer: { body: unknown }) => (answer.body as Repository[]).map((r) => r.full_name)

describe('GET /repos/{owner}/{repo}', () => {
  it('answers a known repository with its visibility and the caller’s permissions', async () => {
    emulator.setRepo({ owner: 'octo', repo: 'site', visibility: 'public', permission: 'push' })
    const answer = await expectFreeNotModified(api, '/repos/octo/site')
    expectFields(answer.body, [...FULL, ...VISIBILITY], 'full repository')
    expect(answer.body).toMatchObject({
      full_name: 'octo/site',
      private: false,
      visibility: 'public',
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      default_branch: 'main',
      url: `${emulator.url}/repos/octo/site`,
      html_url: 'https://github.com/octo/site',
    })
  })

  it('makes any other repository exist, private with admin rights, in the default mode', async () => {
    const answer = await api('GET', '/repos/someone/anything')
    expect(answer.status).toBe(200)
    expectFields(answer.body, FULL, 'full repository')
    expect(answer.body).toMatchObject({
      full_name: 'someone/anything',
      private: true,
      visibility: 'private',
      permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    })
  })

  it('answers 404 for a repository it was not told about in strict mode', async () => {
    emulator.setAccount({ anyRepositoryExists: false })
    const missing = await api('GET', '/repos/someone/anything')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ message: 'Not Found', status: '404' })
    // Names match case-insensitively; the stored spelling is what GitHub answers with.
    expect(fields(await api('GET', '/repos/OCTO-ORG/App'))['full_name']).toBe('octo-org/app')
  })

  it('gives each role its permissions; a fine-grained token without Administration never admin', async () => {
    const expected = {
      admin: [true, true, true, true, true],
      maintain: [false, true, true, true, true],
      push: [false, false, true, true, true],
      triage: [false, false, false, true, true],
      pull: [false, false, false, false, true],
    } as const
    for (const [permission, flags] of Object.entries(expected)) {
      emulator.setRepo({ owner: 'o', repo: 'r', permission: permission as keyof typeof expected })
      const got = fields(await api('GET', '/repos/o/r'))['permissions'] as Record<string, boolean>
      expect([got['admin'], got['maintain'], got['push'], got['triage'], got['pull']]).toEqual(
        flags,
      )
    }
    emulator.setRepo({ owner: 'o', repo: 'r', permission: 'admin' })
    emulator.setTokens([
      { token: 'github_pat_ro', kind: 'fine-grained', canAdministerRunners: false },
    ])
    const limited = fields(await api('GET', '/repos/o/r', { token: 'github_pat_ro' }))
    expect(limited['permissions']).toMatchObject({ admin: false, push: true })
  })

  it('changes visibility and ETag when the admin API makes a repository public', async () => {
    const before = await api('GET', '/repos/octo-org/app')
    expect(fields(before)['visibility']).toBe('private')
    emulator.setRepo({ owner: 'octo-org', repo: 'app', visibility: 'public' })
    const after = await api('GET', '/repos/octo-org/app', {
      headers: { 'If-None-Match': before.headers.get('etag')! },
    })
    expect(after.status).toBe(200)
    expect(fields(after)).toMatchObject({ private: false, visibility: 'public' })
  })
})

describe('GET /user/repos', () => {
  it('lists known repositories by full name with private, visibility and permissions', async () => {
    emulator.setRepo({ owner: 'octocat', repo: 'internal-tools', visibility: 'internal' })
    const answer = await expectFreeNotModified(api, '/user/repos')
    for (const repo of answer.body as unknown[]) {
      expectFields(repo, [...REPOSITORY, ...VISIBILITY], 'repository')
    }
    const listed = (answer.body as Repository[]).map((r) => [r.full_name, r.private, r.visibility])
    expect(listed).toEqual([
      ['octo-org/app', true, 'private'],
      ['octocat/hello-world', false, 'public'],
      ['octocat/internal-tools', true, 'internal'],
    ])
    // Repositories that exist only by default are not the user's, so not listed.
    await api('GET', '/repos/someone/anything')
    expect(names(await api('GET', '/user/repos'))).not.toContain('someone/anything')
  })

  it('filters by visibility, affiliation and type, and refuses type with visibility (422)', async () => {
    expect(names(await api('GET', '/user/repos?visibility=public'))).toEqual([
      'octocat/hello-world',
    ])
    expect(names(await api('GET', '/user/repos?visibility=private'))).toEqual(['octo-org/app'])
    expect(names(await api('GET', '/user/repos?affiliation=owner'))).toEqual([
      'octocat/hello-world',
    ])
    expect(names(await api('GET', '/user/repos?affiliation=organization_member'))).toEqual([
      'octo-org/app',
    ])
    expect(names(await api('GET', '/user/repos?type=member'))).toEqual(['octo-org/app'])
    expect((await api('GET', '/user/repos?type=owner&visibility=all')).status).toBe(422)
  })

  it('sorts by full name, or by creation newest first when asked', async () => {
    emulator.setAccount({
      repos: [
        { owner: 'b', name: 'two' },
        { owner: 'a', name: 'one' },
      ],
    })
    expect(names(await api('GET', '/user/repos'))).toEqual(['a/one', 'b/two'])
    expect(names(await api('GET', '/user/repos?sort=created'))).toEqual(['a/one', 'b/two'])
    expect(names(await api('GET', '/user/repos?sort=full_name&direction=desc'))).toEqual([
      'b/two',
      'a/one',
    ])
    // New repositories from setAccount are private with admin rights.
    expect(fields(await api('GET', '/repos/a/one'))).toMatchObject({ visibility: 'private' })
  })
})

describe('GET /orgs/{org}/repos', () => {
  it('lists an organization’s repositories newest first, filtered by type', async () => {
    emulator.setRepo({ owner: 'octo-org', repo: 'docs', visibility: 'public' })
    const answer = await expectFreeNotModified(api, '/orgs/octo-org/repos')
    for (const repo of answer.body as unknown[]) {
      expectFields(repo, [...MINIMAL, ...VISIBILITY], 'minimal repository')
    }
    expect(names(answer)).toEqual(['octo-org/docs', 'octo-org/app'])
    expect((answer.body as MinimalRepository[])[0]!.owner.type).toBe('Organization')
    expect(names(await api('GET', '/orgs/octo-org/repos?type=public'))).toEqual(['octo-org/docs'])
    expect(names(await api('GET', '/orgs/octo-org/repos?type=private'))).toEqual(['octo-org/app'])
    expect(names(await api('GET', '/orgs/octo-org/repos?type=forks'))).toEqual([])
    expect(names(await api('GET', '/orgs/OCTO-ORG/repos?sort=full_name'))).toEqual([
      'octo-org/app',
      'octo-org/docs',
    ])
  })

  it('answers an empty list for an org without repositories, 404 in strict mode', async () => {
    expect((await api('GET', '/orgs/elsewhere/repos')).body).toEqual([])
    emulator.setAccount({ anyRepositoryExists: false })
    expect((await api('GET', '/orgs/elsewhere/repos')).status).toBe(404)
    expect((await api('GET', '/orgs/octo-org/repos')).status).toBe(200)
  })
})

describe('repository runners and the repository', () => {
  it('needs admin on the repository, and a repository that exists', async () => {
    const runners = '/repos/octo/site/actions/runners'
    emulator.setRepo({ owner: 'octo', repo: 'site', permission: 'maintain' })
    const denied = await api('GET', runners)
    expect(denied.status).toBe(403)
    expect(fields(denied)['message']).toBe('Must have admin rights to Repository.')
    emulator.setRepo({ owner: 'octo', repo: 'site', permission: 'admin' })
    expect((await api('GET', runners)).status).toBe(200)
    emulator.setAccount({ anyRepositoryExists: false })
    expect((await api('GET', '/repos/octo/nowhere/actions/runners')).status).toBe(404)
    expect((await api('GET', '/orgs/nowhere/actions/runners')).status).toBe(404)
    expect((await api('GET', runners)).status).toBe(200)
  })
})
