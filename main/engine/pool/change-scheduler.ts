import type { Clock } from '../../../common/clock'
import type { Dispose, DisposableStore } from '../../../common/disposables'

/**
 * Coalesces the pool's reactions: many changes in one turn make one snapshot event (a microtask),
 * many triggers make one reconcile pass (the next macrotask), and a timed wake-up (a block that
 * expires) is kept once, at its earliest time.
 */
export class ChangeScheduler {
  /** Bumped with every snapshot, so clients can drop stale ones. */
  version = 0
  private snapshotQueued = false
  private reconcileQueued = false
  private wake: { at: number; cancel: Dispose } | null = null

  constructor(
    private readonly clock: Clock,
    private readonly onSnapshot: () => void,
    private readonly onReconcile: () => void,
  ) {}

  /** Something users see changed: one snapshot at the end of this turn. */
  changed(): void {
    if (this.snapshotQueued) return
    this.snapshotQueued = true
    queueMicrotask(() => {
      this.snapshotQueued = false
      this.version++
      this.onSnapshot()
    })
  }

  /** The pool should decide again: one pass after this turn. */
  reconcile(): void {
    if (this.reconcileQueued) return
    this.reconcileQueued = true
    setImmediate(() => {
      this.reconcileQueued = false
      this.onReconcile()
    })
  }

  /** Decide again at `at` (the earliest of such requests wins). */
  reconcileAt(at: number, store: DisposableStore): void {
    if (this.wake && this.wake.at <= at && this.wake.at > this.clock.now()) return
    this.wake?.cancel()
    const cancel = store.timeout(this.clock, Math.max(0, at - this.clock.now()), () => {
      this.wake = null
      this.reconcile()
    })
    this.wake = { at, cancel }
  }
}
