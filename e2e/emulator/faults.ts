// Switches that make the emulator misbehave the way GitHub sometimes does: slow answers, 5xx
// bursts and secondary rate limits, so the app's retry and back-off paths get exercised.

/** A 5xx a test asked for. */
export type ServerErrorStatus = 500 | 502 | 503

/** What the fault switches decided for one request. */
export type FaultVerdict =
  | { readonly kind: 'none' }
  | { readonly kind: 'server-error'; readonly status: ServerErrorStatus }
  | {
      readonly kind: 'secondary-limit'
      readonly status: 403 | 429
      readonly retryAfterSeconds: number
    }

interface FailRule {
  remaining: number
  readonly status: ServerErrorStatus
  readonly pathPrefix: string
}

/** The fault switches, consulted once per REST request in arrival order. */
export class Faults {
  /** Milliseconds added before every REST answer. */
  latencyMs = 0
  private failRules: FailRule[] = []
  private secondary: { remaining: number; status: 403 | 429; retryAfterSeconds: number } | null =
    null

  /** The next `count` requests whose path starts with `pathPrefix` answer `status`. */
  failNext(count: number, status: ServerErrorStatus = 500, pathPrefix = '/'): void {
    this.failRules.push({ remaining: count, status, pathPrefix })
  }

  /** The next `count` requests hit a secondary rate limit with `Retry-After`. */
  secondaryRateLimit(options: {
    count: number
    retryAfterSeconds: number
    status?: 403 | 429
  }): void {
    this.secondary = {
      remaining: options.count,
      status: options.status ?? 403,
      retryAfterSeconds: options.retryAfterSeconds,
    }
  }

  /** Decides (and consumes) the fault for a request to `path`; OAuth pages skip rate limits. */
  take(path: string, options: { rateLimited: boolean } = { rateLimited: true }): FaultVerdict {
    const rule = this.failRules.find((r) => r.remaining > 0 && path.startsWith(r.pathPrefix))
    if (rule) {
      rule.remaining -= 1
      this.failRules = this.failRules.filter((r) => r.remaining > 0)
      return { kind: 'server-error', status: rule.status }
    }
    if (options.rateLimited && this.secondary && this.secondary.remaining > 0) {
      this.secondary.remaining -= 1
      const { status, retryAfterSeconds } = this.secondary
      return { kind: 'secondary-limit', status, retryAfterSeconds }
    }
    return { kind: 'none' }
  }

  /** Turns every switch off. */
  reset(): void {
    this.latencyMs = 0
    this.failRules = []
    this.secondary = null
  }
}
