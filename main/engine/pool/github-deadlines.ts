import type { Clock } from '../../../common/clock'

/** One wait on GitHub whose end can be brought forward. */
class Deadline {
  readonly controller = new AbortController()
  private at: number
  private cancel: () => void

  constructor(
    private readonly clock: Clock,
    ms: number,
  ) {
    this.at = clock.now() + ms
    this.cancel = clock.setTimeout(() => this.controller.abort(), ms)
  }

  /** Ends the wait no later than `ms` from now. */
  shorten(ms: number): void {
    const at = this.clock.now() + ms
    if (at >= this.at || this.controller.signal.aborted) return
    this.cancel()
    this.at = at
    this.cancel = this.clock.setTimeout(() => this.controller.abort(), ms)
  }

  release(): void {
    this.cancel()
  }
}

/**
 * Bounds how long cleanups wait on GitHub (deleting registrations). Outside a stop a delete may
 * retry for `normalMs` (GitHub holds a killed runner as busy for a while); once a stop begins,
 * every wait in flight and every new one ends within `stopMs`, so a stop never hangs on a GitHub
 * that does not answer. What could not be deleted is recorded and finished at the next start.
 */
export class GitHubDeadlines {
  private readonly active = new Set<Deadline>()
  private stopping = false

  constructor(
    private readonly clock: Clock,
    private readonly normalMs: number,
    private readonly stopMs: number,
  ) {}

  /** Runs `fn` with a signal that aborts at the deadline. */
  async run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = new Deadline(this.clock, this.stopping ? this.stopMs : this.normalMs)
    this.active.add(deadline)
    try {
      return await fn(deadline.controller.signal)
    } finally {
      deadline.release()
      this.active.delete(deadline)
    }
  }

  /** A stop began (or was upgraded to now): every wait ends within the stop bound. */
  stop(): void {
    this.stopping = true
    for (const d of this.active) d.shorten(this.stopMs)
  }

  /** Cancels every timer (the pool is disposed). */
  dispose(): void {
    for (const d of this.active) d.release()
    this.active.clear()
  }
}
