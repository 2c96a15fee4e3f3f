import { describe, expect, it } from 'vitest'
import {
  insufficientMessage,
  newTokenUrl,
  parseScopesHeader,
  scopeVerdict,
  tokenKindOf,
} from './token-access'

const repo = { kind: 'repo', owner: 'o', repo: 'r' } as const
const org = { kind: 'org', org: 'o' } as const

describe('token access', () => {
  it('tells token families apart by prefix', () => {
    expect(tokenKindOf('ghp_x')).toBe('classic')
    expect(tokenKindOf('github_pat_x')).toBe('fine-grained')
    expect(tokenKindOf('gho_x')).toBe('oauth')
    expect(tokenKindOf('anything')).toBe('other')
  })

  it('judges classic scopes per target, and cannot judge fine-grained tokens', () => {
    expect(scopeVerdict(repo, ['repo', 'workflow'])).toEqual({ verdict: 'allowed' })
    expect(scopeVerdict(repo, ['public_repo'])).toEqual({ verdict: 'missing', needed: ['repo'] })
    expect(scopeVerdict(org, ['manage_runners:org'])).toEqual({ verdict: 'allowed' })
    expect(scopeVerdict(org, ['repo'])).toEqual({
      verdict: 'missing',
      needed: ['admin:org', 'manage_runners:org'],
    })
    expect(scopeVerdict(repo, null)).toEqual({ verdict: 'unknown' })
  })

  it('parses the scopes header', () => {
    expect(parseScopesHeader('repo, admin:org')).toEqual(['repo', 'admin:org'])
    expect(parseScopesHeader('')).toEqual([])
    expect(parseScopesHeader(undefined)).toBeNull()
  })

  it('links to the token page with exactly the scopes needed', () => {
    expect(newTokenUrl('https://github.com', repo)).toBe(
      'https://github.com/settings/tokens/new?scopes=repo&description=RunnerDock',
    )
    expect(newTokenUrl('https://ghe.x', org)).toContain('scopes=manage_runners%3Aorg')
  })

  it('explains missing permissions in the words of the token family', () => {
    expect(insufficientMessage(repo, 'fine-grained', 'octocat')).toMatch(
      /Administration: Read and write/,
    )
    expect(insufficientMessage(org, 'classic', null)).toMatch(/admin:org/)
  })
})
