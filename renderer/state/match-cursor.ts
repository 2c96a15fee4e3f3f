/**
 * The match the log search points at after "next" (Enter) or "previous" (Shift+Enter): wraps at
 * either end; with no current match, next is the first and previous the last. -1: no matches.
 */
export function stepMatch(current: number, count: number, backwards: boolean): number {
  if (count <= 0) return -1
  if (current < 0 || current >= count) return backwards ? count - 1 : 0
  return (current + (backwards ? count - 1 : 1)) % count
}

/** "3 of 12 matches", "No matches", or "12 matches" before the user steps to one. */
export function matchCountText(current: number, count: number): string {
  if (count === 0) return 'No matches'
  const total = count === 1 ? '1 match' : `${count.toLocaleString()} matches`
  return current < 0 ? total : `${(current + 1).toLocaleString()} of ${total}`
}
