import { describe, expect, it } from 'vitest'
import { configUrlFor } from './config-url'

describe('configUrlFor', () => {
  it('uses github.com for api.github.com', () => {
    expect(
      configUrlFor('https://api.github.com', { kind: 'repo', owner: 'octo', repo: 'app' }),
    ).toEqual({
      ok: true,
      value: { url: 'https://github.com/octo/app', host: 'github.com', enterpriseServer: false },
    })
    expect(configUrlFor('https://api.github.com/', { kind: 'org', org: 'octo' })).toMatchObject({
      ok: true,
      value: { url: 'https://github.com/octo' },
    })
  })

  it('uses the GHES host itself, without /api/v3', () => {
    expect(configUrlFor('https://ghe.example.com/api/v3', { kind: 'org', org: 'eng' })).toEqual({
      ok: true,
      value: {
        url: 'https://ghe.example.com/eng',
        host: 'ghe.example.com',
        enterpriseServer: true,
      },
    })
  })

  it('passes on what is wrong with an API URL', () => {
    const result = configUrlFor('not a url', { kind: 'org', org: 'eng' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/is not a URL/)
  })
})
