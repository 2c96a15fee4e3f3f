import type { Block, PoolSnapshot } from './pool-status'
import { formatTarget } from './target'

/** A target's own hold, named. */
export interface TargetHold {
  readonly target: string
  readonly block: Block
}

/**
 * Why a running pool creates no runner at all right now: its own block (Docker away, the token
 * rejected...), or every target held on its own (each refused, public, backing off).
 */
export type PoolHold =
  | { readonly scope: 'pool'; readonly block: Block }
  | { readonly scope: 'targets'; readonly holds: readonly TargetHold[] }

/**
 * Whether the pool is on hold, decided once for the header badge, the tray and the banner, so a
 * pool that cannot create a runner never shows a green "Running".
 */
export function poolHold(
  snapshot: Pick<PoolSnapshot, 'running' | 'blocked' | 'targets'>,
): PoolHold | null {
  if (!snapshot.running) return null
  if (snapshot.blocked) return { scope: 'pool', block: snapshot.blocked }
  const { targets } = snapshot
  if (targets.length === 0 || !targets.every((t) => t.blocked !== null)) return null
  return {
    scope: 'targets',
    holds: targets.map((t) => ({ target: formatTarget(t.target), block: t.blocked! })),
  }
}

/** The hold in one sentence (the tray's status line, a tooltip). */
export function holdText(hold: PoolHold): string {
  if (hold.scope === 'pool') return hold.block.message
  const [first] = hold.holds
  return hold.holds.length === 1 && first
    ? `${first.target}: ${first.block.message}`
    : `All ${hold.holds.length} targets are on hold. Open the dashboard for each reason.`
}
