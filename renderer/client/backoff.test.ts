import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF } from './backoff'

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the maximum', () => {
    const delays = [0, 1, 2, 3, 10, 100].map((n) => backoffDelay(n, DEFAULT_BACKOFF, 0.5))
    expect(delays).toEqual([300, 600, 1200, 2400, 15_000, 15_000])
  })

  it('spreads delays by the jitter share', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, 0)).toBe(240)
    expect(backoffDelay(0, DEFAULT_BACKOFF, 0.999999)).toBe(360)
  })
})
