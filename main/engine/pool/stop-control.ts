import type { StopReport } from '../../../common/stop-report'

/** Which stop is asked for: none, drain (busy runners finish their job), or now. */
export type StopMode = 'no' | 'drain' | 'now'

/**
 * The pool's stop as one shared promise: stopping twice, or while a stop runs, joins it; "now"
 * upgrades a "drain" (never the other way); the report arrives once, for everyone who asked.
 */
export class StopControl {
  private current: StopMode = 'no'
  private waiting: { promise: Promise<StopReport>; resolve: (r: StopReport) => void } | null = null
  private finishing = false
  /** The report of the last finished stop. */
  lastReport: StopReport | null = null

  /** The stop in progress. */
  get mode(): StopMode {
    return this.current
  }

  /** Asks for a stop; `changed` says whether the mode moved (the pool then acts on it). */
  request(mode: 'drain' | 'now'): { promise: Promise<StopReport>; changed: boolean } {
    const changed = this.current !== 'now' && this.current !== mode
    if (changed) this.current = mode
    if (!this.waiting) {
      let resolve!: (r: StopReport) => void
      const promise = new Promise<StopReport>((r) => (resolve = r))
      this.waiting = { promise, resolve }
    }
    return { promise: this.waiting.promise, changed }
  }

  /** True once per stop: the caller runs the final check. */
  beginFinish(): boolean {
    if (this.current === 'no' || this.finishing) return false
    this.finishing = true
    return true
  }

  /** The last stop's report; before any stop, the report of a pool that made nothing. */
  lastOr(now: number): StopReport {
    return (
      this.lastReport ?? {
        at: now,
        containersLeft: [],
        registrationsLeft: [],
        dockerChecked: true,
        githubChecked: true,
      }
    )
  }

  /** Delivers the report to every caller and ends the stop. */
  settle(report: StopReport): void {
    this.lastReport = report
    const waiting = this.waiting
    this.waiting = null
    this.current = 'no'
    this.finishing = false
    waiting?.resolve(report)
  }
}
