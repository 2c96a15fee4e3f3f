import { describe, expect, it } from 'vitest'
import { makeSnapshot, makeTargetStatus } from '../test/fixtures'
import { poolBadge } from './pool-badge'

const held = { reason: 'image' as const, message: 'No such image.', until: null }

describe('poolBadge', () => {
  it('says stopped, running, stopping', () => {
    expect(poolBadge(makeSnapshot()).label).toBe('Stopped')
    expect(poolBadge(makeSnapshot({ running: true }))).toEqual({ label: 'Running', tone: 'ok' })
    expect(poolBadge(makeSnapshot({ running: true, stopping: 'drain' })).label).toBe('Stopping')
  })

  it('is on hold, not green, when the pool or every target is blocked', () => {
    expect(poolBadge(makeSnapshot({ running: true, blocked: held }))).toEqual({
      label: 'On hold',
      tone: 'warn',
    })
    expect(
      poolBadge(makeSnapshot({ running: true, targets: [makeTargetStatus({ blocked: held })] }))
        .label,
    ).toBe('On hold')
  })
})
