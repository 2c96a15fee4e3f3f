/**
 * Time as a dependency: every delay and timestamp in the engine goes through one `Clock`, so tests
 * can drive timeouts without waiting and nothing mixes `Date.now()` with a test's notion of now.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
  /** Runs `fn` after `ms`; the returned function cancels it (safe to call more than once). */
  setTimeout(fn: () => void, ms: number): () => void
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms)
    return () => clearTimeout(timer)
  },
}

/** Resolves after `ms` on `clock` (or at once when `signal` aborts). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      cancel()
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const cancel = clock.setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
