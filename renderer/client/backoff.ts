/** Delays between reconnection attempts: quick at first, then no more than every 15 seconds. */
export interface BackoffPolicy {
  readonly initialMs: number
  readonly maxMs: number
  /** Share of the delay randomised so many tabs do not reconnect in lockstep. */
  readonly jitter: number
}

/** The policy the WebSocket transport uses. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 300, maxMs: 15_000, jitter: 0.2 }

/** The wait before reconnection attempt `attempt` (0-based); `random` is in [0, 1). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = 0.5,
): number {
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30))
  const spread = base * policy.jitter * (random * 2 - 1)
  return Math.max(0, Math.round(base + spread))
}
