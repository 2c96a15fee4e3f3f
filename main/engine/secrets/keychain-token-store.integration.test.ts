import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBus, startKeyring, type Keyring } from '../../../e2e/support/keyring'
import {
  runTokenStoreSteps,
  type TokenStoreStep,
  type TokenStoreStepResult,
} from '../../../e2e/support/keyring-steps'

// The keychain token store against a real gnome-keyring on a private D-Bus session bus (no mocks):
// each scenario runs the store in a child process with the harness env. Needs dbus-daemon,
// dbus-send and gnome-keyring-daemon (scripts/provision.sh); no dbus-run-session around vitest.

const TOKEN = 'ghp_R3alLookingT0kenValue0123456789abcd'
const OTHER_TOKEN = 'github_pat_11AAAAAAA0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789'
const ENV_TOKEN = 'ghs_FromTheEnvironment0123456789abcdefgh'
const LOCKED_MESSAGE =
  'Your keychain is locked. Unlock it (e.g. log in again or open Passwords and Keys), then try again.'

let keyring: Keyring

beforeAll(async () => {
  keyring = await startKeyring()
}, 15_000)

afterAll(async () => {
  await keyring?.stop()
})

function run(env: NodeJS.ProcessEnv, steps: TokenStoreStep[], timeoutMs?: number) {
  return runTokenStoreSteps(env, timeoutMs === undefined ? { steps } : { steps, timeoutMs })
}

/** The values of successful steps; fails the test on any failure. */
function values(results: TokenStoreStepResult[]): unknown[] {
  return results.map((r) => {
    if (!r.result.ok) throw new Error(`${r.op} failed: ${JSON.stringify(r.result.error)}`)
    return r.result.value
  })
}

/** The failure kinds of every step; also checks that no failure mentions a token. */
function failureKinds(results: TokenStoreStepResult[]): string[] {
  return results.map((r) => {
    const text = JSON.stringify(r.result)
    for (const secret of [TOKEN, OTHER_TOKEN, ENV_TOKEN]) expect(text).not.toContain(secret)
    return r.result.ok ? 'ok' : r.result.error.kind
  })
}

describe('keychain token store on a real gnome-keyring', () => {
  it('saves, reads and clears one token per host, across processes', async () => {
    const first = await run(keyring.env, [
      { op: 'get', host: 'github.com' },
      { op: 'clear', host: 'github.com' },
      { op: 'set', host: 'github.com', token: TOKEN },
      { op: 'set', host: 'ghe.example.com', token: OTHER_TOKEN },
    ])
    expect(values(first)).toEqual([null, { removed: false }, undefined, undefined])

    const second = await run(keyring.env, [
      { op: 'get', host: 'github.com' },
      { op: 'get', host: 'GHE.example.com' },
      { op: 'clear', host: 'github.com' },
      { op: 'get', host: 'github.com' },
      { op: 'clear', host: 'github.com' },
      { op: 'clear', host: 'ghe.example.com' },
    ])
    expect(values(second)).toEqual([
      { token: TOKEN, source: 'keychain' },
      { token: OTHER_TOKEN, source: 'keychain' },
      { removed: true },
      null,
      { removed: false },
      { removed: true },
    ])
  })

  it('reports a locked keyring as locked on get, set and clear, not as "no token"', async () => {
    values(await run(keyring.env, [{ op: 'set', host: 'github.com', token: TOKEN }]))
    await keyring.lock()
    try {
      const locked = await run(keyring.env, [
        { op: 'get', host: 'github.com' },
        { op: 'get', host: 'nothing-saved.example.com' },
        { op: 'set', host: 'github.com', token: OTHER_TOKEN },
        { op: 'clear', host: 'github.com' },
      ])
      expect(failureKinds(locked)).toEqual(['locked', 'locked', 'locked', 'locked'])
      for (const r of locked) expect(r.result.ok ? '' : r.result.error.message).toBe(LOCKED_MESSAGE)
    } finally {
      await keyring.unlock()
    }
    // Nothing was lost or overwritten while locked.
    const after = await run(keyring.env, [
      { op: 'get', host: 'github.com' },
      { op: 'clear', host: 'github.com' },
    ])
    expect(values(after)).toEqual([{ token: TOKEN, source: 'keychain' }, { removed: true }])
  })

  it('reports a bus without a Secret Service as unavailable, fast', async () => {
    const bus = await startBus()
    try {
      const started = Date.now()
      const results = await run(bus.env, [
        { op: 'get', host: 'github.com' },
        { op: 'set', host: 'github.com', token: TOKEN },
        { op: 'clear', host: 'github.com' },
      ])
      expect(failureKinds(results)).toEqual(['unavailable', 'unavailable', 'unavailable'])
      expect(results.reduce((sum, r) => sum + r.ms, 0)).toBeLessThan(1000)
      expect(Date.now() - started).toBeLessThan(5000)
      const failure = results[0]?.result
      expect(failure?.ok ? '' : failure?.error.message).toMatch(/gnome-keyring.*GITHUB_TOKEN/s)
      expect(failure?.ok ? '' : failure?.error.detail).toContain('org.freedesktop.secrets')
    } finally {
      await bus.stop()
    }
  })

  it('reports a dead bus socket as unavailable, fast', async () => {
    const env = {
      ...keyring.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${keyring.env.HOME}/no-such-bus`,
    }
    const started = Date.now()
    const results = await run(env, [
      { op: 'get', host: 'github.com' },
      { op: 'set', host: 'github.com', token: TOKEN },
    ])
    expect(failureKinds(results)).toEqual(['unavailable', 'unavailable'])
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('prefers GITHUB_TOKEN without touching the keychain; set and clear still use it', async () => {
    const deadBus = {
      ...keyring.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${keyring.env.HOME}/no-such-bus`,
    }
    const fromEnv = await run({ ...deadBus, GITHUB_TOKEN: ENV_TOKEN }, [
      { op: 'get', host: 'github.com' },
    ])
    expect(values(fromEnv)).toEqual([{ token: ENV_TOKEN, source: 'environment' }])

    const withEnv = await run({ ...keyring.env, GITHUB_TOKEN: ENV_TOKEN }, [
      { op: 'set', host: 'github.com', token: TOKEN },
      { op: 'get', host: 'github.com' },
    ])
    expect(values(withEnv)).toEqual([undefined, { token: ENV_TOKEN, source: 'environment' }])
    const withoutEnv = await run(keyring.env, [
      { op: 'get', host: 'github.com' },
      { op: 'clear', host: 'github.com' },
    ])
    expect(values(withoutEnv)).toEqual([{ token: TOKEN, source: 'keychain' }, { removed: true }])
  })

  it('times out a stalled Secret Service instead of hanging ~50 s', async () => {
    await keyring.stall()
    try {
      const started = Date.now()
      const results = await run(
        keyring.env,
        [
          { op: 'get', host: 'github.com' },
          { op: 'set', host: 'github.com', token: TOKEN },
        ],
        400,
      )
      expect(failureKinds(results)).toEqual(['timeout', 'timeout'])
      const failure = results[0]?.result
      expect(failure?.ok ? '' : failure?.error.message).toContain('not responding')
      expect(results[0]?.ms).toBeGreaterThanOrEqual(390)
      expect(results[1]?.ms).toBeLessThan(250) // fails fast while the first call is stuck
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      await keyring.resume()
    }
    expect(values(await run(keyring.env, [{ op: 'get', host: 'github.com' }]))).toEqual([null])
  })
})
