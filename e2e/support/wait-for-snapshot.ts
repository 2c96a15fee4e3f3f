import type { PoolSnapshot } from '../../common/pool-status'

/** Anything that publishes pool snapshots: the Pool itself or the Engine. */
export interface SnapshotSource {
  snapshot(): PoolSnapshot
  on(event: 'snapshot', listener: (snapshot: PoolSnapshot) => void): () => void
}

/**
 * Resolves with the first snapshot (the current one included) that satisfies `predicate`, or
 * rejects after `timeoutMs` with `explain()` — tests and the bench wait on state, never on sleeps.
 */
export function waitForSnapshot(
  source: SnapshotSource,
  predicate: (s: PoolSnapshot) => boolean,
  timeoutMs: number,
  explain: () => string,
): Promise<PoolSnapshot> {
  return new Promise((resolve, reject) => {
    const now = source.snapshot()
    if (predicate(now)) return resolve(now)
    const timer = setTimeout(() => {
      off()
      reject(new Error(explain()))
    }, timeoutMs)
    const off = source.on('snapshot', (s) => {
      if (!predicate(s)) return
      clearTimeout(timer)
      off()
      resolve(s)
    })
  })
}
