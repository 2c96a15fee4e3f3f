import { describe, expect, it } from 'vitest'
import { nextFocus } from './focus-trap'

describe('nextFocus', () => {
  it('cycles within the dialog in both directions', () => {
    expect(nextFocus(0, 3, false)).toBe(1)
    expect(nextFocus(2, 3, false)).toBe(0)
    expect(nextFocus(0, 3, true)).toBe(2)
    expect(nextFocus(-1, 3, false)).toBe(0)
    expect(nextFocus(-1, 3, true)).toBe(2)
    expect(nextFocus(0, 0, false)).toBe(-1)
  })
})
