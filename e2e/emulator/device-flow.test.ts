// GitHub's OAuth device flow over plain HTTP, as RunnerDock's sign-in drives it: request a code,
// poll (pending, slow_down, expired), the user approves, the token works against the REST API.
import { describe, expect, it } from 'vitest'
import { useEmulator } from './test-emulator'
import { DEVICE_GRANT_TYPE } from './device-flow'
import type { Emulator } from './index'
import { fields, type Requester } from './test-http'

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started))

const JSON_ACCEPT = { Accept: 'application/json' }

async function deviceCode(scope = 'repo admin:org') {
  const answer = await api('POST', '/login/device/code', {
    token: null,
    form: { client_id: 'Iv1.runnerdock', scope },
    headers: JSON_ACCEPT,
  })
  expect(answer.status).toBe(200)
  return fields(answer) as { device_code: string; user_code: string; interval: number }
}

const poll = async (code: string, grantType = DEVICE_GRANT_TYPE) =>
  fields(
    await api('POST', '/login/oauth/access_token', {
      token: null,
      form: { client_id: 'Iv1.runnerdock', device_code: code, grant_type: grantType },
      headers: JSON_ACCEPT,
    }),
  )

describe('POST /login/device/code', () => {
  it('answers form encoding by default, with GitHub timing', async () => {
    const answer = await api('POST', '/login/device/code', {
      token: null,
      form: { client_id: 'Iv1.runnerdock', scope: 'repo' },
    })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    const grant = Object.fromEntries(new URLSearchParams(answer.text))
    expect(grant).toMatchObject({
      verification_uri: `${emulator.url}/login/device`,
      expires_in: '900',
      interval: '5',
    })
    expect(grant['user_code']).toMatch(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/)
    expect(grant['device_code']).toMatch(/^[0-9a-f]{40}$/)
  })

  it('answers JSON when asked, and refuses a request without client_id', async () => {
    const grant = await deviceCode()
    expect(grant.interval).toBe(5)
    const refused = await api('POST', '/login/device/code', {
      token: null,
      form: { scope: 'repo' },
      headers: JSON_ACCEPT,
    })
    expect(refused.status).toBe(400)
    expect(fields(refused)['error']).toBe('incorrect_client_credentials')
  })
})

describe('POST /login/oauth/access_token', () => {
  it('is pending, slows a client down, then hands out a token with the scopes asked for', async () => {
    const grant = await deviceCode('repo admin:org')
    expect(await poll(grant.device_code)).toMatchObject({ error: 'authorization_pending' })
    // Polling again inside the interval: slow_down, and the interval grows by 5 s.
    expect(await poll(grant.device_code)).toMatchObject({ error: 'slow_down', interval: 10 })

    emulator.setDeviceFlow({ intervalSeconds: 0 })
    const quick = await deviceCode('repo admin:org')
    const token = emulator.approveDevice(quick.user_code)
    expect(token).toMatch(/^gho_[0-9a-f]{36}$/)
    expect(await poll(quick.device_code)).toEqual({
      access_token: token,
      token_type: 'bearer',
      scope: 'repo admin:org',
    })
    const user = await api('GET', '/user', { token })
    expect(user.status).toBe(200)
    expect(user.headers.get('x-oauth-scopes')).toBe('repo, admin:org')
    // A device code is redeemed once.
    expect(await poll(quick.device_code)).toMatchObject({ error: 'incorrect_device_code' })
  })

  it('accepts the user code in any case and without the dash', async () => {
    emulator.setDeviceFlow({ intervalSeconds: 0 })
    const grant = await deviceCode()
    emulator.approveDevice(grant.user_code.replace('-', '').toLowerCase(), 'gho_chosen')
    expect(await poll(grant.device_code)).toMatchObject({ access_token: 'gho_chosen' })
  })

  it('refuses expired codes, unknown codes and other grant types', async () => {
    emulator.setDeviceFlow({ intervalSeconds: 0, expiresInSeconds: 0 })
    const grant = await deviceCode()
    expect(await poll(grant.device_code)).toMatchObject({ error: 'expired_token' })
    expect(await poll('0'.repeat(40))).toMatchObject({ error: 'incorrect_device_code' })
    expect(await poll(grant.device_code, 'password')).toMatchObject({
      error: 'unsupported_grant_type',
    })
    expect(() => emulator.approveDevice('ZZZZ-ZZZZ')).toThrow(/No pending device flow/)
  })

  it('answers form encoding by default and is subject to injected 5xx but not rate limits', async () => {
    emulator.setDeviceFlow({ intervalSeconds: 0 })
    const grant = await deviceCode()
    emulator.secondaryRateLimit({ count: 1, retryAfterSeconds: 60 })
    const form = await api('POST', '/login/oauth/access_token', {
      token: null,
      form: { client_id: 'c', device_code: grant.device_code, grant_type: DEVICE_GRANT_TYPE },
    })
    expect(form.status).toBe(200)
    expect(Object.fromEntries(new URLSearchParams(form.text))).toMatchObject({
      error: 'authorization_pending',
    })
    emulator.failNext(1, 502)
    const failed = await api('POST', '/login/device/code', {
      token: null,
      form: { client_id: 'c' },
    })
    expect(failed.status).toBe(502)
  })
})
