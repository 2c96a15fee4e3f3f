import { err, ok, type Result } from '../../common/result'

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
}

const USAGE = 'use an age like 30m, 12h, 1d or 2w, or a date like 2026-01-15 or 2026-01-15T09:30Z'

/**
 * `--since` as an instant (epoch ms): an age back from `now` (`30m`, `12h`, `1d`, `2w`, also `s`)
 * or an ISO date. A bare date means local midnight, as a person typing it means; a date with a
 * time follows ISO 8601 (no zone: local time). A bad or future value says what to type instead.
 */
export function parseSince(text: string, now: number): Result<number, string> {
  const value = text.trim()
  const age = /^(\d+)\s*([smhdw])$/i.exec(value)
  if (age) {
    const ms = Number(age[1]) * UNIT_MS[age[2]!.toLowerCase()]!
    return ok(Math.max(0, now - ms))
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const at = day
    ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime()
    : /^\d{4}-\d{2}-\d{2}T/i.test(value)
      ? Date.parse(value)
      : Number.NaN
  // A date that does not exist (2026-02-30) rolls over in `new Date`: refuse it instead.
  if (day && new Date(at).getDate() !== Number(day[3]))
    return err(`--since "${text}" is not a calendar date: ${USAGE}.`)
  if (!Number.isFinite(at)) return err(`--since "${text}" is not a time: ${USAGE}.`)
  if (at > now)
    return err(`--since "${text}" is in the future, so no job is that recent: ${USAGE}.`)
  return ok(at)
}
