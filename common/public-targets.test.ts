import { describe, expect, it } from 'vitest'
import { publicRisk } from './public-targets'

const repo = { kind: 'repo' as const, owner: 'octo', repo: 'site' }
const org = { kind: 'org' as const, org: 'acme' }

describe('publicRisk', () => {
  it('refuses a public repository, naming it and the risk, unless that one target is allowed', () => {
    const risk = publicRisk(repo, { visibility: 'public', groupAllowsPublic: true }, [])
    expect(risk).toMatch(/octo\/site is a public repository/)
    expect(risk).toMatch(/fork/)
    expect(risk).toMatch(/--allow-public octo\/site/)
    expect(
      publicRisk(repo, { visibility: 'public', groupAllowsPublic: true }, ['Octo/Site']),
    ).toBeNull()
    expect(
      publicRisk(repo, { visibility: 'public', groupAllowsPublic: true }, ['octo/other']),
    ).not.toBeNull()
  })

  it('accepts private and internal repositories', () => {
    expect(publicRisk(repo, { visibility: 'private', groupAllowsPublic: true }, [])).toBeNull()
    expect(publicRisk(repo, { visibility: 'internal', groupAllowsPublic: true }, [])).toBeNull()
  })

  it('refuses an organization whose runner group admits public repositories', () => {
    expect(publicRisk(org, { visibility: null, groupAllowsPublic: true }, [])).toMatch(
      /admits public repositories/,
    )
    expect(publicRisk(org, { visibility: null, groupAllowsPublic: false }, [])).toBeNull()
    expect(publicRisk(org, { visibility: null, groupAllowsPublic: true }, ['acme'])).toBeNull()
  })
})
