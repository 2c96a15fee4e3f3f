// Idle runner-time: how long runners sat online with no job, summed over runners, read from the
// pool's snapshots (one per change), so nothing between two changes is missed or sampled.
import type { PoolSnapshot } from '../common/pool-status'
import type { SnapshotSource } from '../e2e/support/wait-for-snapshot'

const idleOf = (s: PoolSnapshot) => s.runners.filter((r) => r.phase === 'idle').length

/** Sums idle runner-milliseconds from the moment it is made or last reset. */
export class IdleMeter {
  private total = 0
  private idle: number
  private since = performance.now()
  private readonly off: () => void

  constructor(source: SnapshotSource) {
    this.idle = idleOf(source.snapshot())
    this.off = source.on('snapshot', (s) => {
      this.advance()
      this.idle = idleOf(s)
    })
  }

  /** Idle runner-milliseconds so far. */
  runnerMs(): number {
    this.advance()
    return this.total
  }

  /** Starts a new window (the current idle runners go on counting from now). */
  reset(): void {
    this.advance()
    this.total = 0
  }

  /** Stops listening. */
  stop(): void {
    this.off()
  }

  private advance(): void {
    const now = performance.now()
    this.total += this.idle * (now - this.since)
    this.since = now
  }
}
