// Watches a pool's snapshots for a whole test, so it can say afterwards what no single snapshot
// shows: every runner it ever made, the most it ran at once, per target (test code).
import type { PoolSnapshot, RunnerView } from '../../common/pool-status'
import type { SnapshotSource } from '../support/wait-for-snapshot'

/** A runner that holds a place in the pool (made, starting, online or busy). */
export const isLive = (r: RunnerView): boolean =>
  ['registering', 'creating', 'starting', 'idle', 'busy'].includes(r.phase)

/** What a pool did over a test. */
export interface PoolRecord {
  /** Every runner name seen, with the target it was made for (OWNER/REPO). */
  readonly made: ReadonlyMap<string, string>
  /** The most live runners at once, all targets together. */
  maxLive(): number
  /** Runners made for one target (OWNER/REPO, as the snapshot names it). */
  madeFor(target: string): string[]
  /** Stops recording. */
  stop(): void
}

/** Starts recording `source`'s snapshots (the current one included). */
export function recordPool(source: SnapshotSource): PoolRecord {
  const made = new Map<string, string>()
  let maxLive = 0
  const see = (s: PoolSnapshot) => {
    for (const r of s.runners) if (!made.has(r.name)) made.set(r.name, r.target)
    maxLive = Math.max(maxLive, s.runners.filter(isLive).length)
  }
  see(source.snapshot())
  const off = source.on('snapshot', see)
  return {
    made,
    maxLive: () => maxLive,
    madeFor: (target) => [...made].filter(([, t]) => t === target).map(([name]) => name),
    stop: off,
  }
}
