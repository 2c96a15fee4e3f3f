import { describe, expect, it } from 'vitest'
import type uPlot from 'uplot'
import { timeRange } from './chart-options'

const chartOf = (xs: number[]) => ({ data: [xs] }) as unknown as uPlot

describe('time axes', () => {
  it('start from the data when uPlot has widened a single instant to 1,000 days', () => {
    const range = timeRange(600)
    expect(range(chartOf([1_000, 1_000]), 1_000, 1_000 + 86_400_000, 'x')).toEqual([700, 1_300])
  })

  it('keep a real span, padded, and give bars half a bucket of room at each end', () => {
    expect(timeRange(600)(chartOf([0, 1_000]), 0, 1_000, 'x')).toEqual([-30, 1_030])
    expect(timeRange(0, 1_800)(chartOf([3_600]), 3_600, 3_600 + 86_400_000, 'x')).toEqual([
      1_692, 5_508,
    ])
  })
})
