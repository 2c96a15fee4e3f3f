import { describe, expect, it } from 'vitest'
import { matchCountText, stepMatch } from './match-cursor'

describe('match cursor', () => {
  it('steps through matches and wraps', () => {
    expect(stepMatch(-1, 3, false)).toBe(0)
    expect(stepMatch(-1, 3, true)).toBe(2)
    expect(stepMatch(2, 3, false)).toBe(0)
    expect(stepMatch(0, 3, true)).toBe(2)
    expect(stepMatch(1, 3, false)).toBe(2)
    expect(stepMatch(5, 3, false)).toBe(0)
    expect(stepMatch(0, 0, false)).toBe(-1)
  })

  it('counts', () => {
    expect(matchCountText(-1, 0)).toBe('No matches')
    expect(matchCountText(-1, 12)).toBe('12 matches')
    expect(matchCountText(2, 12)).toBe('3 of 12 matches')
    expect(matchCountText(0, 1)).toBe('1 of 1 match')
  })
})
