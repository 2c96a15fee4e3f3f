/** A message shown briefly in a corner: engine notices and the outcome of the user's actions. */
export interface Toast {
  readonly id: number
  readonly level: 'info' | 'warn' | 'error'
  readonly message: string
  readonly runner: string | null
}

/** At most this many toasts at once; the oldest go first. */
export const MAX_TOASTS = 5

/** Adds a toast; a repeat of the newest one is not shown twice. */
export function addToast(toasts: readonly Toast[], toast: Toast): readonly Toast[] {
  const newest = toasts[toasts.length - 1]
  if (newest && newest.message === toast.message && newest.level === toast.level) return toasts
  return [...toasts, toast].slice(-MAX_TOASTS)
}

/** How long a toast stays: errors long enough to read twice. */
export function toastLifetimeMs(level: Toast['level']): number {
  return level === 'error' ? 15_000 : level === 'warn' ? 10_000 : 6_000
}
