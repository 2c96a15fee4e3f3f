/**
 * Where Tab goes inside a modal dialog: forward past the last control back to the first, and
 * Shift+Tab from the first to the last, so focus never leaves the dialog. `current` -1: focus is
 * outside (it enters at the first control, or the last with Shift).
 */
export function nextFocus(current: number, count: number, backwards: boolean): number {
  if (count <= 0) return -1
  if (current < 0) return backwards ? count - 1 : 0
  return backwards ? (current - 1 + count) % count : (current + 1) % count
}
