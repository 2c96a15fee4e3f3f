// The admin API under /_emulator over HTTP (what `connectEmulator` uses against `npm run
// emulator` in another process): every route does what its in-process twin does, bad bodies are
// 400, unknown routes 404, and an operation that cannot happen 409.
import { describe, expect, it } from 'vitest'
import { useEmulator } from './test-emulator'
import { connectEmulator, type Emulator, type EmulatorClient } from './index'
import { fields, request, type Requester } from './test-http'
import { registerRunner } from './test-runner'

let emulator: Emulator
let client: EmulatorClient
let api: Requester

useEmulator(
  (started) => {
    ;({ emulator, api } = started)
    client = connectEmulator(`${emulator.url}/`)
  },
  { runnerLongPollMs: 300 },
)

describe('the admin API over HTTP', () => {
  it('queues jobs and shows them, one or all; 404 for an unknown job', async () => {
    const id = await client.queueJob(
      { owner: 'octo', repo: 'app' },
      { name: 'build', labels: ['linux'], script: 'echo hi' },
    )
    const second = await client.queueJob(
      { owner: 'octo', repo: 'app' },
      { name: 'test', labels: ['linux'], script: 'true', runId: (await client.job(id))!.runId },
    )
    expect(await client.job(id)).toMatchObject({
      id,
      name: 'build',
      status: 'queued',
      runnerId: null,
    })
    expect((await client.jobs()).map((j) => [j.id, j.runId])).toEqual([
      [id, 1001],
      [second, 1001],
    ])
    expect(await client.job(99)).toBeUndefined()
    await expect(
      client.queueJob({ owner: 'o', repo: 'r' }, { name: 'x', labels: [], script: '', runId: 5 }),
    ).rejects.toThrow(/409 No run 5/)
  })

  it('lists runners, deleted ones included, with session counts', async () => {
    const runner = await registerRunner(emulator.url, { name: 'r1', labels: ['linux'] })
    await runner.openSession()
    await api('DELETE', `/repos/octo/app/actions/runners/${runner.id}`)
    expect(await client.runners()).toEqual([
      expect.objectContaining({
        id: runner.id,
        name: 'r1',
        registered: false,
        status: 'offline',
        version: '2.330.0',
        sessions: 1,
        labels: ['linux'],
        scope: { kind: 'repo', owner: 'octo', repo: 'app' },
      }),
    ])
  })

  it('sets latency, 5xx, rate limits, tokens and revocations', async () => {
    await client.setLatency(120)
    const started = Date.now()
    await api('GET', '/user')
    expect(Date.now() - started).toBeGreaterThanOrEqual(115)
    await client.setLatency(0)

    await client.failNext(1, 503, '/user')
    expect((await api('GET', '/user')).status).toBe(503)
    await client.primaryRateLimit({ resetInSeconds: 30, status: 429 })
    expect((await api('GET', '/user')).status).toBe(429)
    await client.reset()
    await client.secondaryRateLimit({ count: 1, retryAfterSeconds: 3 })
    expect((await api('GET', '/user')).headers.get('retry-after')).toBe('3')

    await client.setTokens([{ token: 'ghp_only', kind: 'classic', scopes: ['repo'] }], {
      acceptUnknownTokens: false,
    })
    expect((await api('GET', '/user')).status).toBe(401)
    expect((await api('GET', '/user', { token: 'ghp_only' })).headers.get('x-oauth-scopes')).toBe(
      'repo',
    )
    await client.revokeToken('ghp_only')
    expect((await api('GET', '/user', { token: 'ghp_only' })).status).toBe(401)
  })

  it('sets the account, runner groups and the runner outage', async () => {
    await client.setAccount({ orgs: ['one'], repos: [{ owner: 'one', name: 'r', private: true }] })
    expect(((await api('GET', '/user/orgs')).body as Array<{ login: string }>)[0]!.login).toBe(
      'one',
    )
    const groupId = await client.addRunnerGroup('one', 'gpu')
    const groups = fields(await api('GET', '/orgs/one/actions/runner-groups'))
    expect(groups['total_count']).toBe(2)
    expect(groupId).toBe(2)

    const runner = await registerRunner(emulator.url, { name: 'o', labels: ['x'] })
    await client.setRunnerOutage(true)
    expect((await runner.call('POST', '/sessions', 'version=1')).status).toBe(503)
    await client.setRunnerOutage(false)
    expect((await runner.call('POST', '/sessions', 'version=1')).status).toBe(200)
  })

  it('drives the device flow: settings and approval; 409 for an unknown user code', async () => {
    await client.setDeviceFlow({ intervalSeconds: 0 })
    const grant = await api('POST', '/login/device/code', {
      token: null,
      form: { client_id: 'c', scope: 'repo' },
      headers: { Accept: 'application/json' },
    })
    const { user_code: userCode, interval } = fields(grant) as {
      user_code: string
      interval: number
    }
    expect(interval).toBe(0)
    expect(await client.approveDevice(userCode, 'gho_fromadmin')).toBe('gho_fromadmin')
    await expect(client.approveDevice('QQQQ-QQQQ')).rejects.toThrow(/409 No pending device flow/)
  })

  it('counts, resets counters, and resets everything', async () => {
    await api('GET', '/user')
    expect((await client.stats()).requests).toBe(1)
    await client.resetStats()
    expect((await client.stats()).requests).toBe(0)
    await registerRunner(emulator.url, { name: 'gone', labels: ['x'] })
    await client.reset()
    expect(await client.runners()).toEqual([])
  })

  it('creates and updates repositories: visibility, permission, workflows; strict mode', async () => {
    const created = await client.setRepo({
      owner: 'octo',
      repo: 'site',
      workflows: { '.github/workflows/ci.yml': 'name: CI\n' },
    })
    expect(created).toEqual({
      owner: 'octo',
      repo: 'site',
      visibility: 'private',
      permission: 'admin',
      workflows: ['.github/workflows/ci.yml'],
    })
    // The words: the admin API can make a repository public.
    const updated = await client.setRepo({ owner: 'octo', repo: 'site', visibility: 'public' })
    expect(updated).toMatchObject({ visibility: 'public', workflows: ['.github/workflows/ci.yml'] })
    expect(fields(await api('GET', '/repos/octo/site'))).toMatchObject({ private: false })
    const ci = await api('GET', '/repos/octo/site/contents/.github/workflows/ci.yml')
    expect(Buffer.from(String(fields(ci)['content']), 'base64').toString()).toBe('name: CI\n')
    await client.setAccount({ anyRepositoryExists: false })
    expect((await api('GET', '/repos/octo/elsewhere')).status).toBe(404)
    const bad = await request(emulator.url, 'POST', '/_emulator/repos', {
      body: { owner: 'o', repo: 'r', visibility: 'secret' },
    })
    expect(bad.status).toBe(400)
  })

  it('adds runner groups with visibility and allows_public_repositories', async () => {
    const id = await client.addRunnerGroup('octo-org', 'open', {
      visibility: 'all',
      allowsPublicRepositories: true,
    })
    const groups = fields(await api('GET', '/orgs/octo-org/actions/runner-groups'))
    expect(groups['runner_groups']).toEqual([
      expect.objectContaining({ id: 1, allows_public_repositories: false }),
      expect.objectContaining({
        id,
        name: 'open',
        visibility: 'all',
        allows_public_repositories: true,
      }),
    ])
  })

  it('queues waiting jobs with a workflow name and branch, and approves them', async () => {
    const id = await client.queueJob(
      { owner: 'octo', repo: 'app' },
      {
        name: 'deploy',
        labels: ['linux'],
        script: 'true',
        waiting: true,
        workflowName: 'Release',
        headBranch: 'v2',
      },
    )
    expect(await client.job(id)).toMatchObject({
      status: 'waiting',
      workflowName: 'Release',
      headBranch: 'v2',
      queuedAt: null,
    })
    await client.approveJob(id)
    const approved = await client.job(id)
    expect(approved).toMatchObject({ status: 'queued' })
    expect(Date.parse(approved!.queuedAt!)).toBeGreaterThanOrEqual(Date.parse(approved!.createdAt))
    await expect(client.approveJob(id)).rejects.toThrow(/409 Job \d+ is queued, not waiting/)
    await expect(client.approveJob(404)).rejects.toThrow(/404 No job 404/)
  })

  it('sets the runner start-up delay carried in the JIT configs minted afterwards', async () => {
    const before = await registerRunner(emulator.url, { name: 'quick', labels: ['x'] })
    expect(before.files.runner.standInStartupDelayMs).toBeUndefined()
    await client.setRunnerStartupDelay(1500)
    const slow = await registerRunner(emulator.url, { name: 'slow', labels: ['x'] })
    expect(slow.files.runner.standInStartupDelayMs).toBe(1500)
    await client.reset()
    const after = await registerRunner(emulator.url, { name: 'again', labels: ['x'] })
    expect(after.files.runner.standInStartupDelayMs).toBeUndefined()
  })

  it('answers 400 for a body that fails its schema, 404 for an unknown route', async () => {
    const bad = await request(emulator.url, 'POST', '/_emulator/latency', { body: { ms: -1 } })
    expect(bad.status).toBe(400)
    expect(String(fields(bad)['message'])).toContain('ms')
    const badJob = await request(emulator.url, 'POST', '/_emulator/jobs', {
      body: { target: { owner: 'o' }, name: 'x', labels: [], script: '' },
    })
    expect(badJob.status).toBe(400)
    const unknown = await request(emulator.url, 'GET', '/_emulator/nothing')
    expect(unknown.status).toBe(404)
    expect(fields(unknown)['message']).toBe('No admin route GET /nothing')
    // Admin traffic is not REST traffic: no auth, no rate limit, not counted.
    expect((await client.stats()).requests).toBe(0)
  })
})
