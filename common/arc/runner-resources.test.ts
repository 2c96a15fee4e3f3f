import { describe, expect, it } from 'vitest'
import { resourceLimitsFor } from './runner-resources'

describe('resourceLimitsFor', () => {
  it('writes whole cores as they are and fractions in millicores', () => {
    expect(resourceLimitsFor(2, null)).toEqual({ ok: true, value: { cpu: '2' } })
    expect(resourceLimitsFor(1.5, null)).toEqual({ ok: true, value: { cpu: '1500m' } })
    expect(resourceLimitsFor(0.25, 512)).toEqual({
      ok: true,
      value: { cpu: '250m', memory: '512Mi' },
    })
  })

  it('means no limit when RunnerDock has none', () => {
    expect(resourceLimitsFor(null, null)).toEqual({ ok: true, value: null })
    expect(resourceLimitsFor(null, 4096)).toEqual({ ok: true, value: { memory: '4096Mi' } })
  })

  it('refuses limits Kubernetes cannot express', () => {
    expect(resourceLimitsFor(0.0001, null).ok).toBe(false)
    expect(resourceLimitsFor(Number.POSITIVE_INFINITY, null).ok).toBe(false)
    expect(resourceLimitsFor(null, 0).ok).toBe(false)
    expect(resourceLimitsFor(null, 1.5).ok).toBe(false)
  })
})
