// Token identity and the fault switches over plain HTTP: `/user` and `X-OAuth-Scopes`, GitHub's
// standard headers, latency, injected 5xx, primary and secondary rate limits, and revoked tokens
// (docs/github-facts.md, "token identity and scopes" and "rate limits").
import { describe, expect, it } from 'vitest'
import { useEmulator } from './test-emulator'
import type { BasicError, OrganizationSimple, PublicUser } from './github-types'
import type { Emulator } from './index'
import { expectFields, requiredKeys } from './schema-keys'
import { fields, TEST_TOKEN, type Requester } from './test-http'

const USER = requiredKeys<PublicUser>()([
  'login',
  'id',
  'node_id',
  'avatar_url',
  'gravatar_id',
  'url',
  'html_url',
  'followers_url',
  'following_url',
  'gists_url',
  'starred_url',
  'subscriptions_url',
  'organizations_url',
  'repos_url',
  'events_url',
  'received_events_url',
  'type',
  'site_admin',
  'name',
  'company',
  'blog',
  'location',
  'email',
  'hireable',
  'bio',
  'public_repos',
  'public_gists',
  'followers',
  'following',
  'created_at',
  'updated_at',
])
const ORG = requiredKeys<OrganizationSimple>()([
  'login',
  'id',
  'node_id',
  'url',
  'repos_url',
  'events_url',
  'hooks_url',
  'issues_url',
  'members_url',
  'public_members_url',
  'avatar_url',
  'description',
])
const ERROR = requiredKeys<BasicError>()([])

const RUNNERS = '/repos/octo/app/actions/runners'

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started))

function expectError(answer: { status: number; body: unknown }, status: number, message: string) {
  expect(answer.status).toBe(status)
  expectFields(answer.body, [...ERROR, 'message', 'documentation_url', 'status'], 'error body')
  expect(answer.body).toMatchObject({ message, status: String(status) })
}

describe('GET /user and X-OAuth-Scopes', () => {
  it('answers a classic token with the user and its scopes', async () => {
    emulator.setTokens([{ token: 'ghp_a', kind: 'classic', scopes: ['repo', 'read:org'] }])
    const answer = await api('GET', '/user', { token: 'ghp_a' })
    expect(answer.status).toBe(200)
    expectFields(answer.body, USER, 'public user')
    expect(fields(answer)['login']).toBe('octocat')
    expect(answer.headers.get('x-oauth-scopes')).toBe('repo, read:org')
    expect(answer.headers.get('x-github-request-id')).toMatch(/^[0-9A-F]{16}$/)
    expect(answer.headers.get('x-github-api-version-selected')).toBe('2022-11-28')
  })

  it('gives unknown classic tokens repo and admin:org, and their own login when set', async () => {
    const answer = await api('GET', '/user')
    expect(answer.headers.get('x-oauth-scopes')).toBe('repo, admin:org')
    emulator.setTokens([{ token: 'ghp_b', kind: 'classic', login: 'hubot', userId: 7 }])
    expect(fields(await api('GET', '/user', { token: 'ghp_b' }))).toMatchObject({
      login: 'hubot',
      id: 7,
    })
  })

  it('sends no scopes header for a fine-grained token', async () => {
    emulator.setTokens([
      { token: 'github_pat_x', kind: 'fine-grained', canAdministerRunners: true },
    ])
    const answer = await api('GET', '/user', { token: 'github_pat_x' })
    expect(answer.status).toBe(200)
    expect(answer.headers.has('x-oauth-scopes')).toBe(false)
  })

  it('answers 401: "Requires authentication" without a token, "Bad credentials" for a bad one', async () => {
    expectError(await api('GET', '/user', { token: null }), 401, 'Requires authentication')
    emulator.setTokens([], { acceptUnknownTokens: false })
    expectError(await api('GET', '/user', { token: 'ghp_nobody' }), 401, 'Bad credentials')
  })

  it('lists the orgs the user sees (repositories: routes-repos.test.ts)', async () => {
    const orgs = await api('GET', '/user/orgs')
    for (const org of orgs.body as unknown[]) expectFields(org, ORG, 'organization')
    expect((orgs.body as OrganizationSimple[]).map((o) => o.login)).toEqual(['octo-org'])
    emulator.setAccount({ orgs: ['a', 'b'] })
    expect(((await api('GET', '/user/orgs')).body as unknown[]).length).toBe(2)
  })

  it('answers 404 for a route it does not know', async () => {
    expectError(await api('GET', '/repos/octo/app/nope'), 404, 'Not Found')
  })
})

describe('revokeToken', () => {
  it('refuses one revoked token with 401 "Bad credentials", others still work', async () => {
    emulator.revokeToken(TEST_TOKEN)
    expectError(await api('GET', RUNNERS), 401, 'Bad credentials')
    expect((await api('GET', RUNNERS, { token: 'ghp_other' })).status).toBe(200)
  })

  it('refuses every token, known or not, when none is named', async () => {
    emulator.setTokens([{ token: 'ghp_known', kind: 'classic' }])
    emulator.revokeToken()
    expectError(await api('GET', '/user', { token: 'ghp_known' }), 401, 'Bad credentials')
    expectError(await api('GET', '/user', { token: 'ghp_stranger' }), 401, 'Bad credentials')
  })
})

describe('latency and injected 5xx', () => {
  it('delays every REST answer by the latency set', async () => {
    emulator.setLatency(300)
    const started = Date.now()
    await api('GET', '/user')
    expect(Date.now() - started).toBeGreaterThanOrEqual(295)
    emulator.setLatency(0)
    const quick = Date.now()
    await api('GET', '/user')
    expect(Date.now() - quick).toBeLessThan(250)
  })

  it('fails the next requests with the status asked for, then recovers', async () => {
    emulator.failNext(2, 502)
    expectError(await api('GET', RUNNERS), 502, 'Bad Gateway')
    expectError(await api('GET', '/user'), 502, 'Bad Gateway')
    expect((await api('GET', RUNNERS)).status).toBe(200)
    emulator.failNext(1)
    expectError(await api('GET', RUNNERS), 500, 'Server Error')
  })

  it('fails only requests under the path prefix given', async () => {
    emulator.failNext(1, 503, '/repos/octo/app/actions/runners/generate-jitconfig')
    expect((await api('GET', RUNNERS)).status).toBe(200)
    const body = { name: 'x', runner_group_id: 1, labels: ['linux'] }
    expectError(
      await api('POST', `${RUNNERS}/generate-jitconfig`, { body }),
      503,
      'Service Unavailable',
    )
    expect((await api('POST', `${RUNNERS}/generate-jitconfig`, { body })).status).toBe(201)
  })
})

describe('primary rate limit', () => {
  it('reports the budget in X-RateLimit-* headers and spends one per request', async () => {
    const first = await api('GET', '/user')
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4999')
    expect(first.headers.get('x-ratelimit-used')).toBe('1')
    expect(first.headers.get('x-ratelimit-resource')).toBe('core')
    const reset = Number(first.headers.get('x-ratelimit-reset'))
    expect(reset * 1000 - Date.now()).toBeGreaterThan(3_590_000)
    expect((await api('GET', '/user')).headers.get('x-ratelimit-remaining')).toBe('4998')
  })

  it('answers 403 with remaining 0 and the reset time once the budget is spent', async () => {
    emulator.primaryRateLimit({ remaining: 2, resetInSeconds: 60 })
    expect((await api('GET', RUNNERS)).headers.get('x-ratelimit-remaining')).toBe('1')
    expect((await api('GET', RUNNERS)).headers.get('x-ratelimit-remaining')).toBe('0')
    const limited = await api('GET', RUNNERS)
    expectError(limited, 403, 'API rate limit exceeded for user ID 1.')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    const reset = Number(limited.headers.get('x-ratelimit-reset'))
    expect(Math.abs(reset * 1000 - (Date.now() + 60_000))).toBeLessThan(2000)
    // Tokens first seen now get the same budget.
    const fresh = await api('GET', '/user', { token: 'ghp_new' })
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('1')
  })

  it('answers 429 when asked to, and refills after the reset', async () => {
    emulator.primaryRateLimit({ resetInSeconds: 1, status: 429 })
    expectError(await api('GET', '/user'), 429, 'API rate limit exceeded for user ID 1.')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const after = await api('GET', '/user')
    expect(after.status).toBe(200)
    expect(after.headers.get('x-ratelimit-remaining')).toBe('4999')
  })
})

describe('secondary rate limit', () => {
  it('answers the next requests 403 with Retry-After, then recovers', async () => {
    emulator.secondaryRateLimit({ count: 2, retryAfterSeconds: 7 })
    for (let i = 0; i < 2; i++) {
      const limited = await api('GET', RUNNERS)
      expect(limited.status).toBe(403)
      expect(limited.headers.get('retry-after')).toBe('7')
      expect(limited.headers.get('x-ratelimit-remaining')).not.toBeNull()
      expect(String(fields(limited)['message'])).toMatch(
        /^You have exceeded a secondary rate limit\. .* request ID [0-9A-F]{16}\.$/,
      )
    }
    expect((await api('GET', RUNNERS)).status).toBe(200)
  })

  it('answers 429 when asked to', async () => {
    emulator.secondaryRateLimit({ count: 1, retryAfterSeconds: 1, status: 429 })
    const limited = await api('GET', '/user')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
  })
})

describe('request statistics', () => {
  it('counts REST requests by route template', async () => {
    await api('GET', RUNNERS)
    await api('GET', RUNNERS)
    await api('GET', '/user')
    expect(emulator.stats()).toEqual({
      requests: 3,
      notModified: 0,
      byRoute: { 'GET /repos/{owner}/{repo}/actions/runners': 2, 'GET /user': 1 },
    })
    emulator.resetStats()
    expect(emulator.stats().requests).toBe(0)
  })
})
