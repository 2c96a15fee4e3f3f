import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../common/settings'
import {
  addTargetPatch,
  allowPublicPatch,
  publicRisk,
  removeTargetPatch,
  waitedMs,
} from './target-edits'

const APP = { kind: 'repo' as const, owner: 'octo', repo: 'app' }
const SITE = { kind: 'repo' as const, owner: 'octo', repo: 'site' }
const settings = { ...defaultSettings(), targets: [APP] }

describe('target edits', () => {
  it('adds a typed target once, bringing back an excluded one', () => {
    expect(addTargetPatch(settings, 'octo/site')).toEqual({
      ok: true,
      patch: { targets: [APP, SITE] },
    })
    expect(addTargetPatch(settings, 'OCTO/app')).toEqual({
      ok: false,
      message: 'OCTO/app is served already.',
    })
    expect(addTargetPatch(settings, 'not a target').ok).toBe(false)
    expect(addTargetPatch({ ...settings, excludedTargets: [SITE] }, 'octo/site')).toEqual({
      ok: true,
      patch: { targets: [APP, SITE], excludedTargets: [] },
    })
  })

  it('removes a chosen target, and excludes a discovered one', () => {
    expect(removeTargetPatch(settings, { target: APP, source: 'chosen' })).toEqual({ targets: [] })
    expect(removeTargetPatch(settings, { target: SITE, source: 'discovered' })).toEqual({
      excludedTargets: [SITE],
    })
  })

  it('allows a public target once, after stating the risk', () => {
    expect(allowPublicPatch(settings, SITE)).toEqual({ allowPublic: ['octo/site'] })
    expect(allowPublicPatch({ allowPublic: ['OCTO/site'] }, SITE)).toBeNull()
    expect(publicRisk(SITE)).toMatch(/^octo\/site is public\. Anyone can fork it/)
    expect(publicRisk({ kind: 'org', org: 'octo' })).toMatch(/runner group in octo/)
  })

  it('measures how long the oldest job waited', () => {
    expect(waitedMs(null, 5)).toBeNull()
    expect(waitedMs(1_000, 4_000)).toBe(3_000)
  })
})
