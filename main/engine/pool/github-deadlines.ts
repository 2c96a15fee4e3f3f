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
    this.cancel = ms <= 0 ? () => {} : clock.setTimeout(() => this.controller.abort(), ms)
    if (ms <= 0) this.controller.abort()
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
 * Bounds how long cleanups wait on GitHub (deleting registrations, the final check). Outside a
 * stop a delete may retry for `normalMs` (GitHub holds a killed runner as busy for a while). Once
 * a stop begins, every wait in flight and every new one ends within `stopMs`; and as soon as one
 * wait of the stop runs out (GitHub does not answer), the rest of the stop does not wait on GitHub
 * at all: what could not be deleted is recorded and finished at the next start. So a stop never
 * waits on GitHub much longer than `stopMs`, whatever it has left to do.
 */
export class GitHubDeadlines {
  private readonly active = new Set<Deadline>()
  private stopping = false
  private gaveUp = false

  constructor(
    private readonly clock: Clock,
    private readonly normalMs: number,
    private readonly stopMs: number,
    /** Called once when a stop gives up on GitHub (the pool stops waiting for it). */
    private readonly onGiveUp: () => void = () => {},
  ) {}

  /** Whether this stop has given up on GitHub. */
  get givenUp(): boolean {
    return this.gaveUp
  }

  /** Whether a stop is under way (cleanups then retry nothing but a busy answer). */
  get isStopping(): boolean {
    return this.stopping
  }

  /**
   * Runs `fn` with a signal that aborts at the deadline. During a stop, a wait that runs out, or
   * an answer that says GitHub cannot be reached, makes the rest of the stop give up on GitHub.
   */
  async run<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ms = this.gaveUp ? 0 : this.stopping ? this.stopMs : this.normalMs
    const deadline = new Deadline(this.clock, ms)
    this.active.add(deadline)
    let result: T | undefined
    try {
      result = await fn(deadline.controller.signal)
      return result
    } finally {
      deadline.release()
      this.active.delete(deadline)
      const ranOut = ms > 0 && deadline.controller.signal.aborted
      if (this.stopping && (ranOut || saysUnreachable(result))) this.giveUp()
    }
  }

  /** A stop began: every wait ends within `withinMs` (the stop bound by default). */
  stop(withinMs = this.stopMs): void {
    this.stopping = true
    for (const d of this.active) d.shorten(withinMs)
  }

  private giveUp(): void {
    if (this.gaveUp) return
    this.gaveUp = true
    for (const d of this.active) d.shorten(0)
    this.onGiveUp()
  }

  /** Cancels every timer (the pool is disposed). */
  dispose(): void {
    for (const d of this.active) d.release()
    this.active.clear()
  }
}

// A Result whose failure means GitHub cannot be reached or did not answer (not a refusal).
function saysUnreachable(result: unknown): boolean {
  const r = result as { ok?: unknown; error?: { kind?: unknown } } | undefined
  return r?.ok === false && (r.error?.kind === 'network' || r.error?.kind === 'unanswered')
}
