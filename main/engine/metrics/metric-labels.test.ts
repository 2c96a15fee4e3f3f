import { describe, expect, it } from 'vitest'
import { boundedLabel, jobLabels, OTHER_LABEL, resultLabel } from './metric-labels'

describe('metric labels', () => {
  it('splits owner/repo the way actions-runner-controller labels jobs', () => {
    expect(jobLabels({ repository: 'octo/app' })).toEqual({
      organization: 'octo',
      repository: 'app',
    })
    expect(jobLabels({ repository: null })).toEqual({ organization: '', repository: '' })
  })

  it('writes results in lower case and names a missing one', () => {
    expect(resultLabel('Succeeded')).toBe('succeeded')
    expect(resultLabel(null)).toBe('unknown')
  })

  it('folds values past the bound into "other" and keeps known ones', () => {
    const seen = new Set<string>()
    expect(boundedLabel(seen, 'a', 2)).toBe('a')
    expect(boundedLabel(seen, 'b', 2)).toBe('b')
    expect(boundedLabel(seen, 'c', 2)).toBe(OTHER_LABEL)
    expect(boundedLabel(seen, 'a', 2)).toBe('a')
  })
})
