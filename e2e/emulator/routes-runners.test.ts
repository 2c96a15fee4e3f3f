// The runner REST endpoints over plain HTTP: registration (generate-jitconfig, registration-token),
// listing with conditional requests, get, delete, and organization runner groups, each answer
// checked against the required fields of GitHub's schema (docs/github-facts.md, "REST endpoints").
import { describe, expect, it } from 'vitest'
import { useEmulator } from './test-emulator'
import type {
  JitConfigResponse,
  RegistrationToken,
  Runner,
  RunnerGroup,
  RunnerGroupList,
  RunnerLabel,
  RunnerList,
  ValidationErrorSimple,
} from './github-types'
import { decodeJitConfig, type Emulator } from './index'
import { expectFields, requiredKeys } from './schema-keys'
import { fields, type Requester } from './test-http'
import { registerRunner } from './test-runner'

const RUNNER = requiredKeys<Runner>()(['id', 'name', 'os', 'status', 'busy', 'labels'])
const LABEL = requiredKeys<RunnerLabel>()(['name'])
const JIT = requiredKeys<JitConfigResponse>()(['runner', 'encoded_jit_config'])
const LIST = requiredKeys<RunnerList>()(['total_count', 'runners'])
const TOKEN = requiredKeys<RegistrationToken>()(['token', 'expires_at'])
const GROUP = requiredKeys<RunnerGroup>()([
  'id',
  'name',
  'visibility',
  'default',
  'runners_url',
  'inherited',
  'allows_public_repositories',
])
const GROUPS = requiredKeys<RunnerGroupList>()(['total_count', 'runner_groups'])
const INVALID = requiredKeys<ValidationErrorSimple>()(['message', 'documentation_url'])

const REPO = '/repos/octo/app/actions/runners'
const ORG = '/orgs/octo-org/actions/runners'

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started))

const register = (base: string, body: unknown) =>
  api('POST', `${base}/generate-jitconfig`, { body })

function expectRunner(value: unknown): Runner {
  expectFields(value, RUNNER, 'runner')
  const runner = value as Runner
  for (const label of runner.labels) expectFields(label, LABEL, 'runner label')
  return runner
}

describe('POST .../actions/runners/generate-jitconfig', () => {
  it.each([
    ['repository', REPO],
    ['organization', ORG],
  ])('registers a %s runner: 201 with the runner and a one-time config', async (_kind, base) => {
    const answer = await register(base, {
      name: 'rd-1',
      runner_group_id: 1,
      labels: ['self-hosted', 'linux'],
    })
    expect(answer.status).toBe(201)
    expect(answer.headers.get('content-type')).toContain('application/json')
    const body = fields(answer)
    expectFields(body, JIT, 'generate-jitconfig answer')
    const runner = expectRunner(body['runner'])
    expect(runner).toMatchObject({
      name: 'rd-1',
      os: 'linux',
      status: 'offline',
      busy: false,
      ephemeral: true,
      runner_group_id: 1,
    })
    expect(runner.labels.map((l) => l.name)).toEqual(['self-hosted', 'linux'])

    const config = decodeJitConfig(String(body['encoded_jit_config']))
    expect(config.runner).toMatchObject({
      agentId: runner.id,
      agentName: 'rd-1',
      poolId: 1,
      poolName: 'Default',
      serverUrl: `${emulator.runnerBaseUrl}/_runner`,
      workFolder: '_work',
      ephemeral: true,
    })
    expect(config.credentials.scheme).toBe('OAuth')
    expect(config.credentials.data.runnerSecret).toMatch(/^[0-9a-f]{48}$/)
    expect(Object.keys(config.rsaParams).sort()).toEqual(
      ['d', 'dp', 'dq', 'exponent', 'inverseQ', 'modulus', 'p', 'q'].sort(),
    )

    const listed = fields(await api('GET', base))
    expect((listed['runners'] as Runner[]).map((r) => [r.id, r.status])).toEqual([
      [runner.id, 'offline'],
    ])
  })

  it('gives a JIT runner only the labels it was sent: no implicit self-hosted', async () => {
    const bare = fields(await register(REPO, { name: 'a', runner_group_id: 1, labels: ['linux'] }))
    expect((bare['runner'] as Runner).labels.map((l) => l.name)).toEqual(['linux'])
    const both = fields(
      await register(REPO, { name: 'b', runner_group_id: 1, labels: ['self-hosted', 'gpu'] }),
    )
    expect((both['runner'] as Runner).labels.map((l) => l.name)).toEqual(['self-hosted', 'gpu'])
    // The same label name keeps its id across runners.
    const ids = (runner: unknown) => (runner as Runner).labels.map((l) => l.id)
    expect(ids(both['runner'])[0]).not.toBe(ids(bare['runner'])[0])
    const again = fields(await register(REPO, { name: 'c', runner_group_id: 1, labels: ['linux'] }))
    expect(ids(again['runner'])).toEqual(ids(bare['runner']))
  })

  it('carries work_folder into the config', async () => {
    const body = fields(
      await register(REPO, { name: 'w', runner_group_id: 1, labels: ['x'], work_folder: 'jobs' }),
    )
    expect(decodeJitConfig(String(body['encoded_jit_config'])).runner.workFolder).toBe('jobs')
  })

  it('answers 409 for a name already registered in the scope, case-insensitively', async () => {
    const spec = { name: 'dup', runner_group_id: 1, labels: ['linux'] }
    expect((await register(REPO, spec)).status).toBe(201)
    const conflict = await register(REPO, { ...spec, name: 'DUP' })
    expect(conflict.status).toBe(409)
    expect(fields(conflict)['message']).toBe(
      'Already exists - A runner with the name DUP already exists.',
    )
    // Another scope has its own names, and a deleted registration frees its name.
    expect((await register('/repos/octo/other/actions/runners', spec)).status).toBe(201)
    const id = (fields(await api('GET', REPO))['runners'] as Runner[])[0]!.id
    expect((await api('DELETE', `${REPO}/${id}`)).status).toBe(204)
    expect((await register(REPO, spec)).status).toBe(201)
  })

  it.each<[string, unknown]>([
    ['no name', { runner_group_id: 1, labels: ['a'] }],
    ['a blank name', { name: ' ', runner_group_id: 1, labels: ['a'] }],
    ['no runner_group_id', { name: 'n', labels: ['a'] }],
    ['a string runner_group_id', { name: 'n', runner_group_id: '1', labels: ['a'] }],
    ['a fractional runner_group_id', { name: 'n', runner_group_id: 1.5, labels: ['a'] }],
    ['no labels', { name: 'n', runner_group_id: 1 }],
    ['empty labels', { name: 'n', runner_group_id: 1, labels: [] }],
    ['101 labels', { name: 'n', runner_group_id: 1, labels: Array(101).fill('l') }],
    ['a non-string label', { name: 'n', runner_group_id: 1, labels: [7] }],
    ['an empty label', { name: 'n', runner_group_id: 1, labels: [''] }],
    ['a numeric work_folder', { name: 'n', runner_group_id: 1, labels: ['a'], work_folder: 3 }],
    ['an array body', [{ name: 'n' }]],
  ])('answers 422 for %s', async (_what, body) => {
    const answer = await register(REPO, body)
    expect(answer.status).toBe(422)
    expectFields(answer.body, INVALID, '422 body')
    expect(String(fields(answer)['message'])).toMatch(/^Invalid request\./)
    expect(fields(await api('GET', REPO))['total_count']).toBe(0)
  })

  it('answers 400 for a body that is not JSON', async () => {
    const broken = await fetch(`${emulator.url}${REPO}/generate-jitconfig`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"name":',
    })
    expect(broken.status).toBe(400)
    expect(((await broken.json()) as { message: string }).message).toBe('Problems parsing JSON')
  })

  it('answers 404 for a runner group the scope does not have; org groups can be added', async () => {
    const spec = { name: 'g', labels: ['linux'] }
    expect((await register(REPO, { ...spec, runner_group_id: 2 })).status).toBe(404)
    expect((await register(ORG, { ...spec, runner_group_id: 2 })).status).toBe(404)
    const groupId = emulator.addRunnerGroup('octo-org', 'gpu')
    const answer = await register(ORG, { ...spec, runner_group_id: groupId })
    expect(answer.status).toBe(201)
    const body = fields(answer)
    expect((body['runner'] as Runner).runner_group_id).toBe(groupId)
    expect(decodeJitConfig(String(body['encoded_jit_config'])).runner.poolName).toBe('gpu')
  })
})

describe('POST .../actions/runners/registration-token', () => {
  it('answers 201 with a token valid for an hour', async () => {
    const answer = await api('POST', `${REPO}/registration-token`)
    expect(answer.status).toBe(201)
    expectFields(answer.body, TOKEN, 'registration token')
    const expires = Date.parse(String(fields(answer)['expires_at']))
    expect(expires - Date.now()).toBeGreaterThan(3_590_000)
    expect(expires - Date.now()).toBeLessThanOrEqual(3_600_000)
  })
})

describe('GET .../actions/runners', () => {
  it('answers 304 to If-None-Match with the ETag, without spending the rate limit', async () => {
    await registerRunner(emulator.url, { name: 'etag', labels: ['linux'] })
    const first = await api('GET', REPO)
    expect(first.status).toBe(200)
    expectFields(first.body, LIST, 'runner list')
    for (const runner of fields(first)['runners'] as unknown[]) expectRunner(runner)
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^W\/".+"$/)
    const remaining = Number(first.headers.get('x-ratelimit-remaining'))
    emulator.resetStats()

    const again = await api('GET', REPO, { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining)
    expect(emulator.stats()).toMatchObject({ requests: 1, notModified: 1 })

    const plain = await api('GET', REPO)
    expect(plain.status).toBe(200)
    expect(Number(plain.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1)

    // A change (a new registration) changes the ETag: the old one gets the full list.
    await registerRunner(emulator.url, { name: 'etag-2', labels: ['linux'] })
    const changed = await api('GET', REPO, { headers: { 'If-None-Match': etag! } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(fields(changed)['total_count']).toBe(2)
  })

  it('paginates with per_page and a Link header', async () => {
    for (const name of ['p1', 'p2', 'p3']) {
      await registerRunner(emulator.url, { name, labels: ['linux'] })
    }
    const page = await api('GET', `${REPO}?per_page=2&page=2`)
    expect(fields(page)['total_count']).toBe(3)
    expect((fields(page)['runners'] as Runner[]).map((r) => r.name)).toEqual(['p3'])
    expect(page.headers.get('link')).toContain('rel="prev"')
    const first = await api('GET', `${REPO}?per_page=2`)
    expect(first.headers.get('link')).toContain('page=2>; rel="next"')
  })

  it('gets one runner by id, 404 for an unknown one', async () => {
    const runner = await registerRunner(emulator.url, { name: 'one', labels: ['linux'] })
    const answer = await api('GET', `${REPO}/${runner.id}`)
    expect(answer.status).toBe(200)
    expect(expectRunner(answer.body).name).toBe('one')
    expect((await api('GET', `${REPO}/999`)).status).toBe(404)
    // Runners of one repository are not visible through another.
    expect((await api('GET', `/repos/octo/other/actions/runners/${runner.id}`)).status).toBe(404)
  })
})

describe('DELETE .../actions/runners/{runner_id}', () => {
  it('answers 204, after which the runner is gone; 404 for unknown or deleted runners', async () => {
    const runner = await registerRunner(emulator.url, { name: 'del', labels: ['linux'] })
    const answer = await api('DELETE', `${REPO}/${runner.id}`)
    expect(answer.status).toBe(204)
    expect(answer.text).toBe('')
    expect(fields(await api('GET', REPO))['total_count']).toBe(0)
    expect((await api('DELETE', `${REPO}/${runner.id}`)).status).toBe(404)
    expect((await api('DELETE', `${REPO}/4242`)).status).toBe(404)
  })

  it('answers 422 while the runner runs a job; the finished ephemeral runner is deleted', async () => {
    const runner = await registerRunner(emulator.url, { name: 'busy', labels: ['linux'] })
    const session = await runner.openSession()
    const jobId = emulator.queueJob(
      { owner: 'octo', repo: 'app' },
      {
        name: 'build',
        labels: ['linux'],
        script: 'true',
      },
    )
    expect((await runner.call('GET', `/sessions/${session}/message`)).line).toBe(
      `job ${jobId} build`,
    )
    const listed = expectRunner((await api('GET', `${REPO}/${runner.id}`)).body)
    expect(listed).toMatchObject({ status: 'online', busy: true })

    const refused = await api('DELETE', `${REPO}/${runner.id}`)
    expect(refused.status).toBe(422)
    expect(fields(refused)['message']).toBe('Bad request - Runner "busy" is still running a job"')
    expectFields(refused.body, INVALID, '422 body')

    await runner.call('POST', `/sessions/${session}/jobs/${jobId}/complete`, 'result=Succeeded')
    expect((await api('GET', `${REPO}/${runner.id}`)).status).toBe(404)
  })
})

describe('GET /orgs/{org}/actions/runner-groups', () => {
  it('lists Default and the groups a test adds', async () => {
    const empty = await api('GET', '/orgs/octo-org/actions/runner-groups')
    expect(empty.status).toBe(200)
    expectFields(empty.body, GROUPS, 'runner group list')
    const defaults = fields(empty)['runner_groups'] as RunnerGroup[]
    expect(defaults.map((g) => [g.id, g.name, g.default])).toEqual([[1, 'Default', true]])

    const id = emulator.addRunnerGroup('octo-org', 'Linux builders')
    const answer = fields(await api('GET', '/orgs/octo-org/actions/runner-groups'))
    expect(answer['total_count']).toBe(2)
    const groups = answer['runner_groups'] as RunnerGroup[]
    for (const group of groups) expectFields(group, GROUP, 'runner group')
    expect(groups[1]).toMatchObject({ id, name: 'Linux builders', default: false })
    expect(groups[1]!.runners_url).toBe(
      `${emulator.url}/orgs/octo-org/actions/runner-groups/${id}/runners`,
    )
    // Another organization still has only Default.
    const other = fields(await api('GET', '/orgs/else/actions/runner-groups'))
    expect(other['total_count']).toBe(1)
  })
})

describe('permissions', () => {
  it('refuses classic tokens without the scope the scope kind needs (403)', async () => {
    emulator.setTokens([
      { token: 'ghp_read', kind: 'classic', scopes: ['read:user'] },
      { token: 'ghp_repo', kind: 'classic', scopes: ['repo'] },
      { token: 'ghp_org', kind: 'classic', scopes: ['admin:org'] },
    ])
    const spec = { name: 'p', runner_group_id: 1, labels: ['linux'] }
    const repoDenied = await api('POST', `${REPO}/generate-jitconfig`, {
      token: 'ghp_read',
      body: spec,
    })
    expect(repoDenied.status).toBe(403)
    expect(fields(repoDenied)['message']).toBe('Must have admin rights to Repository.')
    expect(repoDenied.headers.get('x-accepted-oauth-scopes')).toBe('repo')
    const orgDenied = await api('GET', ORG, { token: 'ghp_repo' })
    expect(orgDenied.status).toBe(403)
    expect(orgDenied.headers.get('x-accepted-oauth-scopes')).toBe('admin:org, manage_runners:org')
    expect((await api('GET', REPO, { token: 'ghp_repo' })).status).toBe(200)
    expect((await api('GET', ORG, { token: 'ghp_org' })).status).toBe(200)
  })

  it('refuses fine-grained tokens without runner administration', async () => {
    emulator.setTokens([
      { token: 'github_pat_no', kind: 'fine-grained', canAdministerRunners: false },
      { token: 'github_pat_yes', kind: 'fine-grained', canAdministerRunners: true },
    ])
    const denied = await api('GET', REPO, { token: 'github_pat_no' })
    expect(denied.status).toBe(403)
    expect(fields(denied)['message']).toBe('Resource not accessible by personal access token')
    expect((await api('GET', REPO, { token: 'github_pat_yes' })).status).toBe(200)
  })

  it('refuses repository runners where the user is not admin', async () => {
    emulator.setAccount({ repos: [{ owner: 'octo', name: 'app', admin: false }] })
    expect((await api('GET', REPO)).status).toBe(403)
  })
})
