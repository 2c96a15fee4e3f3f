import { describe, expect, it } from 'vitest'
import { parseSince } from './since-arg'

const now = new Date(2026, 0, 15, 12, 0, 0).getTime()
const value = (text: string) => {
  const parsed = parseSince(text, now)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

describe('--since', () => {
  it('reads an age back from now', () => {
    expect(now - value('30m')).toBe(30 * 60 * 1000)
    expect(now - value('12h')).toBe(12 * 60 * 60 * 1000)
    expect(now - value('1d')).toBe(24 * 60 * 60 * 1000)
    expect(now - value('2w')).toBe(14 * 24 * 60 * 60 * 1000)
    expect(now - value('45s')).toBe(45_000)
    expect(now - value(' 2D ')).toBe(2 * 24 * 60 * 60 * 1000)
  })

  it('reads a bare date as local midnight, and an ISO time as written', () => {
    expect(value('2026-01-10')).toBe(new Date(2026, 0, 10).getTime())
    expect(value('2026-01-10T08:30:00Z')).toBe(Date.UTC(2026, 0, 10, 8, 30))
    expect(value('2026-01-10T08:30')).toBe(new Date(2026, 0, 10, 8, 30).getTime())
  })

  it('says what to type instead of a value it cannot read', () => {
    for (const bad of ['yesterday', '30', '5y', '', '10/01/2026']) {
      const parsed = parseSince(bad, now)
      expect(parsed.ok).toBe(false)
      if (!parsed.ok) expect(parsed.error).toMatch(/is not a time: use an age like 30m, 12h/)
    }
  })

  it('refuses a date that does not exist or lies in the future', () => {
    expect(parseSince('2026-02-30', now)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is not a calendar date/),
    })
    expect(parseSince('2027-01-01', now)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is in the future/),
    })
  })
})
