import { poolHold } from '../../common/pool-hold'
import type { PoolSnapshot } from '../../common/pool-status'

/** The header's word for the pool and its tone (the badge colour). */
export interface PoolBadge {
  readonly label: 'Stopped' | 'Running' | 'On hold' | 'Stopping'
  readonly tone: 'neutral' | 'ok' | 'warn'
}

/**
 * The pool at a glance. A running pool that cannot make a runner (its own block, or every target
 * held) says "On hold", never a green "Running".
 */
export function poolBadge(
  snapshot: Pick<PoolSnapshot, 'running' | 'stopping' | 'blocked' | 'targets'>,
): PoolBadge {
  if (snapshot.stopping !== 'no') return { label: 'Stopping', tone: 'warn' }
  if (!snapshot.running) return { label: 'Stopped', tone: 'neutral' }
  if (poolHold(snapshot)) return { label: 'On hold', tone: 'warn' }
  return { label: 'Running', tone: 'ok' }
}
