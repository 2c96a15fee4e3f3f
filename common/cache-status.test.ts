import { describe, expect, it } from 'vitest'
import { describeClear, formatBytes } from './cache-status'

describe('formatBytes', () => {
  it.each([
    [null, 'unknown size'],
    [0, '0 B'],
    [999, '999 B'],
    [1_500, '1.5 kB'],
    [67_108_864, '67 MB'],
    [20_000_000_000, '20 GB'],
    [2_345_000_000_000, '2.3 TB'],
  ])('%s -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })
})

describe('describeClear', () => {
  it.each([
    [0, 0, 'No cache to clear for x.'],
    [2, 0, 'Cleared 2 cache volumes of x.'],
    [
      0,
      1,
      'The cache of x is in use by a running runner: it goes when that runner ends, and new runners start with an empty cache.',
    ],
    [
      1,
      2,
      'Cleared 1 cache volume of x. 2 more are in use by running runners: they go when those runners end, and new runners start with an empty cache.',
    ],
  ])('%i removed, %i waiting', (removed, waiting, text) => {
    expect(describeClear(removed, waiting, 'x')).toBe(text)
  })
})
