/** A message shown briefly in a corner: engine notices and the outcome of the user's actions. */
export interface Toast {
  readonly id: number
  readonly level: 'info' | 'warn' | 'error'
  readonly message: string
  readonly runner: string | null
  /** When it was last said (a repeat within the merge window renews it). */
  readonly at: number
  /** How many times it was said within the window: one toast, with a count. */
  readonly count: number
}

/** A new toast before merging: when it was said. */
export type NewToast = Omit<Toast, 'count'>

/** At most this many toasts at once; the oldest go first. */
export const MAX_TOASTS = 5

/** Identical notices this close together are one toast with a count. */
export const MERGE_WINDOW_MS = 10_000

/**
 * Adds a toast. The same message at the same level within the merge window (twenty runners
 * failing alike, a button pressed twice) becomes one toast whose count goes up, not a stack.
 */
export function addToast(toasts: readonly Toast[], toast: NewToast): readonly Toast[] {
  const same = toasts.find(
    (t) =>
      t.level === toast.level && t.message === toast.message && toast.at - t.at <= MERGE_WINDOW_MS,
  )
  if (same) return toasts.map((t) => (t === same ? { ...t, count: t.count + 1, at: toast.at } : t))
  return [...toasts, { ...toast, count: 1 }].slice(-MAX_TOASTS)
}

/** How long a toast stays: errors long enough to read twice. */
export function toastLifetimeMs(level: Toast['level']): number {
  return level === 'error' ? 15_000 : level === 'warn' ? 10_000 : 6_000
}
