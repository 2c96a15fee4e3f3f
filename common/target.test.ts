import { describe, expect, it } from 'vitest'
import {
  canonicalHost,
  formatTarget,
  isLoopbackHost,
  keychainAccountFor,
  parseApiUrl,
  parseTarget,
  plainHttpRefusal,
} from './target'

describe('targets', () => {
  it('parses repositories and organizations, including pasted URLs', () => {
    expect(parseTarget('octo/hello.world')).toEqual({
      ok: true,
      value: { kind: 'repo', owner: 'octo', repo: 'hello.world' },
    })
    expect(parseTarget('octo-org')).toEqual({ ok: true, value: { kind: 'org', org: 'octo-org' } })
    expect(parseTarget('https://github.com/octo/app.git')).toEqual({
      ok: true,
      value: { kind: 'repo', owner: 'octo', repo: 'app' },
    })
  })

  it('rejects what GitHub would not accept, saying what to write', () => {
    for (const bad of ['', 'a/b/c', '-bad', 'bad-', 'octo/..', 'has space']) {
      const result = parseTarget(bad)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error).toMatch(/OWNER\/REPO/)
    }
  })

  it('formats back', () => {
    expect(formatTarget({ kind: 'repo', owner: 'a', repo: 'b' })).toBe('a/b')
    expect(formatTarget({ kind: 'org', org: 'a' })).toBe('a')
  })

  it('names the GitHub host of an API URL', () => {
    expect(parseApiUrl('https://api.github.com/')).toEqual({
      ok: true,
      value: { apiUrl: 'https://api.github.com', host: 'github.com', webUrl: 'https://github.com' },
    })
    expect(parseApiUrl('https://ghe.example.com/api/v3')).toEqual({
      ok: true,
      value: {
        apiUrl: 'https://ghe.example.com/api/v3',
        host: 'ghe.example.com',
        webUrl: 'https://ghe.example.com',
      },
    })
    expect(parseApiUrl('ftp://x').ok).toBe(false)
    expect(parseApiUrl('not a url').ok).toBe(false)
  })

  it('refuses an API URL whose host cannot be a keychain account, saying what to use', () => {
    for (const bad of [
      'http://[::1]:8080',
      'https://[2001:db8::1]/api/v3',
      'https://my_ghe.example.com/api/v3',
      'https://-bad.example.com/api/v3',
    ]) {
      const result = parseApiUrl(bad)
      expect(result.ok, bad).toBe(false)
      if (!result.ok) expect(result.error).toMatch(/keychain.*host name or IPv4 address/)
    }
    expect(parseApiUrl('https://user:pw@ghe.example.com/api/v3')).toMatchObject({ ok: false })
    expect(parseApiUrl('https://ghe.example.com/api/v3?x=1')).toMatchObject({ ok: false })
    expect(parseApiUrl(`https://ghe.example.com/${'a'.repeat(3000)}`)).toMatchObject({ ok: false })
    expect(parseApiUrl('http://172.17.0.1:8080')).toMatchObject({
      ok: true,
      value: { host: '172.17.0.1:8080' },
    })
    expect(parseApiUrl('https://GHE.Example.com:8443/api/v3')).toMatchObject({
      ok: true,
      value: { host: 'ghe.example.com:8443' },
    })
  })

  it('keychain accounts: host names and IPv4 with a port, lower-cased', () => {
    expect(keychainAccountFor(' GitHub.com ')).toBe('github.com')
    expect(keychainAccountFor('10.0.0.1:8443')).toBe('10.0.0.1:8443')
    for (const bad of ['', '[::1]:80', 'a_b.com', 'github.com/org', 'x'.repeat(300)])
      expect(keychainAccountFor(bad), bad).toBeNull()
  })

  it('knows loopback hosts in every spelling, and nothing else', () => {
    for (const host of [
      '127.0.0.1',
      '127.1',
      '0x7f.0.0.1',
      '127.9.9.9',
      '::1',
      '[::1]',
      'LocalHost',
    ])
      expect(isLoopbackHost(host), host).toBe(true)
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'localhost.evil.com', '128.0.0.1', 'a/b', ''])
      expect(isLoopbackHost(host), host).toBe(false)
    expect(canonicalHost('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(canonicalHost('FE80::1')).toBe('[fe80::1]')
    expect(canonicalHost('a b')).toBeNull()
  })

  it('sends a token over plain http only to this machine', () => {
    const own = ['192.0.2.2', '172.17.0.1', 'fd00::2']
    for (const url of [
      'https://ghe.example.com/api/v3',
      'http://127.0.0.1:8080',
      'http://127.0.0.5:8080',
      'http://localhost:3000',
      'http://[::1]:9',
      'http://172.17.0.1:4010',
      'http://192.0.2.2',
      'http://[fd00::2]:80',
    ])
      expect(plainHttpRefusal(url, own), url).toBeNull()
    for (const url of [
      'http://10.0.0.8:8080',
      'http://ghe.example.com/api/v3',
      'http://localhost.example.com',
      'http://172.17.0.2:4010',
      'http://0.0.0.0:80',
      'ftp://127.0.0.1',
    ])
      expect(plainHttpRefusal(url, own), url).toMatch(/will not send your GitHub token/)
  })

  it('refuses a plain http name when it is entered: only this machine can pass', () => {
    const result = parseApiUrl('http://ghe.example.com/api/v3')
    expect(result.ok ? '' : result.error).toMatch(/plain http/)
    expect(parseApiUrl('http://10.0.0.8:8080').ok).toBe(true)
  })
})
