import { describe, expect, it } from 'vitest'
import { formatTarget, parseApiUrl, parseTarget } from './target'

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
})
