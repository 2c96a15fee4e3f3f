import { describe, expect, it } from 'vitest'
import { checkScaleSetName, deriveScaleSetName } from './scale-set-name'

describe('scale set names', () => {
  it('derives owner-repo for repositories and the name for organizations, lowercased', () => {
    expect(deriveScaleSetName({ kind: 'repo', owner: 'Octo', repo: 'App' })).toBe('octo-app')
    expect(deriveScaleSetName({ kind: 'org', org: 'Octo-Org' })).toBe('octo-org')
  })

  it('turns dots, underscores and runs of them into single hyphens, never at the ends', () => {
    expect(deriveScaleSetName({ kind: 'repo', owner: 'octo', repo: 'hello.world_' })).toBe(
      'octo-hello-world',
    )
    expect(deriveScaleSetName({ kind: 'repo', owner: 'octo', repo: '.config' })).toBe('octo-config')
  })

  it('shortens long names to 45 characters, keeping different targets apart', () => {
    const a = deriveScaleSetName({ kind: 'repo', owner: 'octo', repo: 'a'.repeat(60) })
    const b = deriveScaleSetName({ kind: 'repo', owner: 'octo', repo: `${'a'.repeat(59)}b` })
    expect(a).toHaveLength(45)
    expect(b).toHaveLength(45)
    expect(a).not.toBe(b)
    expect(checkScaleSetName(a).ok).toBe(true)
    expect(a.startsWith('octo-aaaa')).toBe(true)
  })

  it('every derived name passes the check', () => {
    for (const repo of ['x', 'A_B', 'a--b', 'z.'.repeat(50), '-lead', 'trail-'])
      expect(checkScaleSetName(deriveScaleSetName({ kind: 'repo', owner: 'o', repo })).ok).toBe(
        true,
      )
  })

  it('rejects names ARC or Kubernetes would refuse, saying what to write', () => {
    for (const bad of ['', 'Upper', 'has_underscore', '-lead', 'trail-', 'a'.repeat(46), 'a.b']) {
      const result = checkScaleSetName(bad)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error).toMatch(/at most 45 lowercase letters/)
    }
    expect(checkScaleSetName('a'.repeat(45))).toEqual({ ok: true, value: 'a'.repeat(45) })
  })
})
