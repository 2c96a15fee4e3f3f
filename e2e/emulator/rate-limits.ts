// GitHub's primary rate limit: a budget per token per hour; conditional requests answered with
// 304 are free (docs/github-facts.md). Tests can drain a budget to see the 403 the app must survive.

/** Requests per hour a token may make (GitHub's figure for personal access tokens). */
export const PRIMARY_LIMIT = 5000
const WINDOW_MS = 3_600_000

/** A token's budget as the `X-RateLimit-*` headers report it. */
export interface RateBudget {
  readonly limit: number
  readonly remaining: number
  readonly used: number
  /** Epoch seconds at which the budget refills. */
  readonly reset: number
}

interface Window {
  used: number
  resetAt: number
}

/** Per-token budgets plus the test switch that forces one into exhaustion. */
export class PrimaryRateLimits {
  private readonly windows = new Map<string, Window>()
  private forced: { remaining: number; resetAt: number } | null = null
  /** GitHub answers an exhausted budget with 403 or 429 (docs: "Rate limits for the REST API"). */
  exceededStatus: 403 | 429 = 403

  constructor(private readonly now: () => number = Date.now) {}

  /** Sets every budget (and those of tokens seen later) to `remaining` until the reset. */
  force(remaining: number, resetInSeconds: number, status: 403 | 429 = 403): void {
    const resetAt = this.now() + resetInSeconds * 1000
    this.forced = { remaining, resetAt }
    this.exceededStatus = status
    for (const window of this.windows.values()) {
      window.used = PRIMARY_LIMIT - remaining
      window.resetAt = resetAt
    }
  }

  /** The budget of `key` (a token) right now. */
  budget(key: string): RateBudget {
    const window = this.window(key)
    return {
      limit: PRIMARY_LIMIT,
      remaining: Math.max(0, PRIMARY_LIMIT - window.used),
      used: window.used,
      reset: Math.ceil(window.resetAt / 1000),
    }
  }

  /** Counts one request against `key`'s budget. */
  spend(key: string): void {
    this.window(key).used += 1
  }

  /** Refills every budget and drops the forced exhaustion. */
  reset(): void {
    this.windows.clear()
    this.forced = null
    this.exceededStatus = 403
  }

  private window(key: string): Window {
    const now = this.now()
    let window = this.windows.get(key)
    if (window && window.resetAt <= now) window = undefined
    if (!window) {
      const forced = this.forced && this.forced.resetAt > now ? this.forced : null
      window = forced
        ? { used: PRIMARY_LIMIT - forced.remaining, resetAt: forced.resetAt }
        : { used: 0, resetAt: now + WINDOW_MS }
      this.windows.set(key, window)
    }
    return window
  }
}
