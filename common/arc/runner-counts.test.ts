import { describe, expect, it } from 'vitest'
import { runnerCountsFor } from './runner-counts'

describe('runnerCountsFor', () => {
  it('keeps a fixed pool at exactly N runners', () => {
    expect(runnerCountsFor({ kind: 'fixed', runners: 3 })).toEqual({
      ok: true,
      value: { minRunners: 3, maxRunners: 3 },
    })
  })

  it('maps on demand to idle runners and a maximum', () => {
    expect(runnerCountsFor({ kind: 'on-demand', minIdle: 1, max: 8 })).toEqual({
      ok: true,
      value: { minRunners: 1, maxRunners: 8 },
    })
    expect(runnerCountsFor({ kind: 'on-demand', minIdle: 0, max: 0 }).ok).toBe(true)
  })

  it('refuses what the chart would refuse', () => {
    expect(runnerCountsFor({ kind: 'on-demand', minIdle: 5, max: 2 })).toEqual({
      ok: false,
      error: expect.stringMatching(/cannot exceed the maximum/),
    })
    expect(runnerCountsFor({ kind: 'fixed', runners: -1 }).ok).toBe(false)
    expect(runnerCountsFor({ kind: 'fixed', runners: 1.5 }).ok).toBe(false)
    expect(runnerCountsFor({ kind: 'on-demand', minIdle: 0, max: Number.NaN }).ok).toBe(false)
  })
})
