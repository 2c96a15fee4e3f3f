import { describe, expect, it } from 'vitest'
import { poolHold, holdText } from './pool-hold'
import { makeSnapshot, makeTargetStatus } from './testing/fixtures'

const docker = { reason: 'docker' as const, message: 'Docker is not running.', until: null }
const publicBlock = { reason: 'public' as const, message: 'octo/app is public.', until: null }

describe('poolHold', () => {
  it('is null for a stopped pool, and for a running pool that can create runners', () => {
    expect(poolHold(makeSnapshot({ blocked: docker }))).toBeNull()
    expect(poolHold(makeSnapshot({ running: true }))).toBeNull()
    expect(poolHold(makeSnapshot({ running: true, targets: [] }))).toBeNull()
  })

  it("is the pool's own block first", () => {
    const hold = poolHold(makeSnapshot({ running: true, blocked: docker }))
    expect(hold).toEqual({ scope: 'pool', block: docker })
    expect(holdText(hold!)).toBe('Docker is not running.')
  })

  it('is every target held, but not some of them', () => {
    const held = makeTargetStatus({ blocked: publicBlock })
    const free = makeTargetStatus({ target: { kind: 'org', org: 'acme' } })
    expect(poolHold(makeSnapshot({ running: true, targets: [held, free] }))).toBeNull()
    const hold = poolHold(makeSnapshot({ running: true, targets: [held] }))
    expect(hold).toEqual({ scope: 'targets', holds: [{ target: 'octo/app', block: publicBlock }] })
    expect(holdText(hold!)).toBe('octo/app: octo/app is public.')
    const two = poolHold(
      makeSnapshot({ running: true, targets: [held, { ...free, blocked: publicBlock }] }),
    )
    expect(holdText(two!)).toMatch(/^All 2 targets are on hold/)
  })
})
