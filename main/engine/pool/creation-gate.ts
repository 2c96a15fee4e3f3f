import type { Clock } from '../../../common/clock'
import { backoffMs } from '../../../common/pool-plan'
import type { Block } from '../../../common/pool-status'
import { chooseBlock } from './pool-health'

/** Reasons the user can clear by fixing something and pressing Retry. */
const USER_FIXABLE: readonly Block['reason'][] = ['token', 'target', 'network', 'image', 'backoff']

/**
 * Whether the pool may create runners now, and if not, why: Docker away, a rejected token, a
 * missing image, a rate limit, or backing off after failures. One question, `canCreate()`; the
 * reasons are kept apart so each clears on its own. No timers: the pool asks `nextChangeAt()`.
 */
export class CreationGate {
  private readonly blocks = new Map<Block['reason'], Block>()
  private failures = 0

  constructor(private readonly clock: Clock) {}

  /** Whether nothing holds creation back now. */
  canCreate(): boolean {
    return this.current() === null
  }

  /** The reason a user should see first, or null. */
  current(): Block | null {
    return chooseBlock(this.blocks, this.clock.now())
  }

  /** Whether a reason is held (expired or not). */
  has(reason: Block['reason']): boolean {
    return this.blocks.has(reason)
  }

  /** Holds creation for `reason` until `until` (null: until cleared). */
  block(reason: Block['reason'], message: string, until: number | null = null): void {
    this.blocks.set(reason, { reason, message, until })
  }

  /** Clears one reason. */
  unblock(reason: Block['reason']): void {
    this.blocks.delete(reason)
  }

  /**
   * Counts a runner failure and backs off exponentially. The message says what failed, never when
   * the next attempt is: the block's `until` is the one clock every UI shows.
   */
  failure(message: string): number {
    this.failures++
    const delay = backoffMs(this.failures)
    this.block('backoff', message, this.clock.now() + delay)
    return delay
  }

  /** A runner came online: failures are forgotten. */
  success(): void {
    this.failures = 0
    this.blocks.delete('backoff')
  }

  /** Clears what the user may have fixed (token, target, image) and the backoff, for Retry. */
  clearUserFixable(): void {
    for (const reason of USER_FIXABLE) this.blocks.delete(reason)
    this.failures = 0
  }

  /** The next moment a timed block expires (the pool reconciles then), or null. */
  nextChangeAt(): number | null {
    const now = this.clock.now()
    let next: number | null = null
    for (const b of this.blocks.values())
      if (b.until !== null && b.until > now && (next === null || b.until < next)) next = b.until
    return next
  }
}
