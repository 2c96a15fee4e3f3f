import { describe, expect, it } from 'vitest'
import type { RendererLocation } from './renderer-location'
import {
  isAllowedExternalUrl,
  isNavigationAllowed,
  windowOpenDecision,
  withContentSecurityPolicy,
} from './web-policy'

const GITHUB = 'https://api.github.com'
const GHES = 'https://ghe.example.com/api/v3'
const file: RendererLocation = { kind: 'file', url: 'file:///app/out/renderer/index.html' }

describe('isAllowedExternalUrl', () => {
  it('opens https pages of github.com and the configured GHES host', () => {
    expect(isAllowedExternalUrl('https://github.com/settings/tokens/new?scopes=repo', GITHUB)).toBe(
      true,
    )
    expect(isAllowedExternalUrl('https://docs.github.com/en/actions', GITHUB)).toBe(true)
    expect(isAllowedExternalUrl('https://ghe.example.com/org/repo/actions', GHES)).toBe(true)
    expect(isAllowedExternalUrl('https://GitHub.com/x', GITHUB)).toBe(true)
  })

  it('refuses other hosts, schemes and credentials', () => {
    expect(isAllowedExternalUrl('https://ghe.example.com/org', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('http://github.com/', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('https://github.com.evil.example/', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('https://github.com@evil.example/', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('https://user:pw@github.com/', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('https://github.com:8443/', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('file:///etc/passwd', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('javascript:alert(1)', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('ms-settings:', GITHUB)).toBe(false)
    expect(isAllowedExternalUrl('not a url', GITHUB)).toBe(false)
    // A GHES host served over plain http is not opened either.
    expect(isAllowedExternalUrl('http://127.0.0.1:9000/x', 'http://127.0.0.1:9000/api/v3')).toBe(
      false,
    )
  })
})

describe('windowOpenDecision', () => {
  it('turns our log view into the log window and denies everything else but GitHub pages', () => {
    expect(windowOpenDecision('file:///app/out/renderer/index.html#logs/r1', file, GITHUB)).toEqual(
      { kind: 'open-logs', runner: 'r1' },
    )
    expect(windowOpenDecision('https://github.com/o/r/actions', file, GITHUB)).toEqual({
      kind: 'open-external',
    })
    expect(
      windowOpenDecision('file:///app/out/renderer/index.html#settings', file, GITHUB),
    ).toEqual({ kind: 'deny' })
    expect(windowOpenDecision('https://example.com/', file, GITHUB)).toEqual({ kind: 'deny' })
    expect(windowOpenDecision('about:blank', file, GITHUB)).toEqual({ kind: 'deny' })
  })
})

describe('isNavigationAllowed', () => {
  it('allows the same document only', () => {
    expect(
      isNavigationAllowed(
        'file:///app/out/renderer/index.html#logs',
        'file:///app/out/renderer/index.html#dashboard',
      ),
    ).toBe(true)
    expect(isNavigationAllowed('https://example.com/', 'file:///app/out/renderer/index.html')).toBe(
      false,
    )
    expect(isNavigationAllowed('file:///etc/passwd', 'file:///app/out/renderer/index.html')).toBe(
      false,
    )
  })
})

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the server sent and keeps the other headers', () => {
    const headers = withContentSecurityPolicy(
      {
        'content-security-policy': ['default-src *'],
        'Content-Type': 'text/html',
        Vary: ['a', 'b'],
      },
      "default-src 'self'",
    )
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      Vary: ['a', 'b'],
      'Content-Security-Policy': ["default-src 'self'"],
    })
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] })
  })
})
