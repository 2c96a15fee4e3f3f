import { parseApiUrl } from '../../../common/target'
import { describe, expect, it } from 'vitest'
import {
  KEYCHAIN_SERVICE,
  PROBE_ACCOUNT,
  createKeychainTokenStore,
  environmentToken,
  keychainAccount,
  type KeytarLike,
} from './keychain-token-store'

// The adapter's own logic against an in-memory keytar. The real keychain (gnome-keyring: locked,
// missing, stalled) is exercised in keychain-token-store.integration.test.ts.

const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345'

interface FakeKeytar extends KeytarLike {
  readonly items: Map<string, string>
  readonly calls: string[]
  locked: boolean
  stall: boolean
  release(): void
}

function fakeKeytar(): FakeKeytar {
  const items = new Map<string, string>()
  const calls: string[] = []
  const waiting: Array<() => void> = []
  const key = (service: string, account: string) => `${service}/${account}`
  const fake: FakeKeytar = {
    items,
    calls,
    locked: false,
    stall: false,
    release: () => waiting.splice(0).forEach((wake) => wake()),
    async getPassword(service, account) {
      calls.push(`get ${account}`)
      if (fake.stall) await new Promise<void>((wake) => waiting.push(wake))
      return fake.locked ? null : (items.get(key(service, account)) ?? null)
    },
    async setPassword(service, account, password) {
      calls.push(`set ${account}`)
      if (fake.stall) await new Promise<void>((wake) => waiting.push(wake))
      if (fake.locked) throw new Error('Cannot create an item in a locked collection')
      items.set(key(service, account), password)
    },
    async deletePassword(service, account) {
      calls.push(`delete ${account}`)
      if (fake.locked) return false
      return items.delete(key(service, account))
    },
  }
  return fake
}

describe('createKeychainTokenStore', () => {
  it('keeps one account per host under one service', async () => {
    const keytar = fakeKeytar()
    const store = createKeychainTokenStore({ keytar, env: {} })
    expect(await store.set('github.com', TOKEN)).toEqual({ ok: true, value: undefined })
    expect(await store.set('GHE.example.com', 'other-token')).toEqual({
      ok: true,
      value: undefined,
    })
    expect([...keytar.items.keys()].sort()).toEqual([
      `${KEYCHAIN_SERVICE}/ghe.example.com`,
      `${KEYCHAIN_SERVICE}/github.com`,
    ])
    expect(await store.get('github.com')).toEqual({
      ok: true,
      value: { token: TOKEN, source: 'keychain' },
    })
    expect(await store.clear('github.com')).toEqual({ ok: true, value: { removed: true } })
    expect(await store.clear('github.com')).toEqual({ ok: true, value: { removed: false } })
    expect(await store.get('github.com')).toEqual({ ok: true, value: null })
    expect(keytar.items.has(`${KEYCHAIN_SERVICE}/${PROBE_ACCOUNT}`)).toBe(false)
  })

  it('believes "no token" only after a write probe succeeds', async () => {
    const keytar = fakeKeytar()
    const store = createKeychainTokenStore({ keytar, env: {} })
    expect(await store.get('github.com')).toEqual({ ok: true, value: null })
    expect(keytar.calls).toEqual([
      'get github.com',
      `set ${PROBE_ACCOUNT}`,
      `delete ${PROBE_ACCOUNT}`,
    ])
  })

  it('tells a locked keychain from an empty one on get, set and clear', async () => {
    const keytar = fakeKeytar()
    const store = createKeychainTokenStore({ keytar, env: {} })
    await store.set('github.com', TOKEN)
    keytar.locked = true
    for (const result of [
      await store.get('github.com'),
      await store.set('github.com', TOKEN),
      await store.clear('github.com'),
    ]) {
      expect(result.ok ? null : result.error.kind).toBe('locked')
      expect(JSON.stringify(result)).not.toContain(TOKEN)
    }
  })

  it('uses GITHUB_TOKEN without touching the keychain; set and clear still use it', async () => {
    const keytar = fakeKeytar()
    const store = createKeychainTokenStore({ keytar, env: { GITHUB_TOKEN: ` ${TOKEN}\n` } })
    expect(await store.get('github.com')).toEqual({
      ok: true,
      value: { token: TOKEN, source: 'environment' },
    })
    expect(keytar.calls).toEqual([])
    await store.set('github.com', 'saved')
    expect(keytar.items.get(`${KEYCHAIN_SERVICE}/github.com`)).toBe('saved')
    expect(await store.clear('github.com')).toEqual({ ok: true, value: { removed: true } })
  })

  it('times out a stalled keychain, then fails fast until the stuck call returns', async () => {
    const keytar = fakeKeytar()
    const store = createKeychainTokenStore({ keytar, env: {}, timeoutMs: 50 })
    keytar.stall = true
    const started = Date.now()
    const first = await store.get('github.com')
    expect(first.ok ? null : first.error.kind).toBe('timeout')
    expect(first.ok ? '' : first.error.message).toContain('not responding')
    expect(Date.now() - started).toBeLessThan(1000)

    const second = await store.set('github.com', TOKEN)
    expect(second.ok ? null : second.error.kind).toBe('timeout')
    expect(keytar.calls).toEqual(['get github.com']) // the second call never reached keytar
    expect(JSON.stringify(second)).not.toContain(TOKEN)

    keytar.stall = false
    keytar.release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await store.set('github.com', TOKEN)).toEqual({ ok: true, value: undefined })
  })

  it('reports keytar that cannot load as unavailable and never loads it for GITHUB_TOKEN', async () => {
    const broken: KeytarLike = {
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: () => Promise.reject(new Error('unused')),
      deletePassword: () => Promise.reject(new Error('unused')),
    }
    const got = await createKeychainTokenStore({ keytar: broken, env: {}, platform: 'linux' }).get(
      'github.com',
    )
    expect(got.ok ? null : got.error.kind).toBe('unavailable')
    expect(got.ok ? '' : got.error.message).toContain('gnome-keyring')
  })

  it('treats a URL or an empty token as a bug', async () => {
    const store = createKeychainTokenStore({ keytar: fakeKeytar(), env: {} })
    await expect(store.get('https://github.com')).rejects.toThrow(TypeError)
    await expect(store.set('github.com', '')).rejects.toThrow(TypeError)
  })
})

describe('keychainAccount and environmentToken', () => {
  it('lower-cases hosts and keeps ports', () => {
    expect(keychainAccount(' GitHub.com ')).toBe('github.com')
    expect(keychainAccount('ghe.example.com:8443')).toBe('ghe.example.com:8443')
    expect(() => keychainAccount('')).toThrow(TypeError)
    expect(() => keychainAccount('github.com/org')).toThrow(TypeError)
  })

  it('ignores a blank GITHUB_TOKEN', () => {
    expect(environmentToken({ GITHUB_TOKEN: '  ' })).toBeNull()
    expect(environmentToken({})).toBeNull()
    expect(environmentToken({ GITHUB_TOKEN: 'abc' })).toBe('abc')
  })

  it('accepts exactly the hosts parseApiUrl lets a user save', () => {
    const hosts = [
      'github.com',
      'ghe.example.com:8443',
      '10.1.2.3',
      '[::1]:8080',
      'my_ghe.corp',
      'a.b-c.d',
    ]
    for (const host of hosts) {
      const api = parseApiUrl(`https://${host}/api/v3`)
      const account = (() => {
        try {
          return keychainAccount(host)
        } catch {
          return null
        }
      })()
      expect(api.ok, host).toBe(account !== null)
      if (api.ok) expect(keychainAccount(api.value.host)).toBe(account)
    }
  })
})
