import type { TokenState } from '../../common/contract'
import type { PoolSnapshot } from '../../common/pool-status'
import type { Settings } from '../../common/settings'
import type { StopReport } from '../../common/stop-report'
import type { DiscoveredRepo } from './demand/discovery'
import { goalFromSettings } from './pool-goal'
import { initialHealth, tokenHealth } from './pool/pool-health'

/**
 * What a stopped pool looks like: the targets and sizes the settings ask for, the last run's
 * recent jobs, health and stop report, and whether the saved token would work.
 */
export function stoppedSnapshot(
  settings: Settings,
  discovered: readonly DiscoveredRepo[],
  last: { readonly lastSnapshot: PoolSnapshot | null; readonly lastStop: StopReport | null },
  token: TokenState,
): PoolSnapshot {
  const goal = goalFromSettings(settings, discovered)
  const previous = last.lastSnapshot
  return {
    running: false,
    stopping: 'no',
    mode: goal.mode.kind,
    targets: goal.targets.map((t) => ({
      target: t.target,
      source: t.source.kind,
      reasons: t.source.kind === 'discovered' ? [...t.source.reasons] : [],
      visibility: null,
      wanted: goal.mode.kind === 'fixed' ? goal.mode.perTarget : goal.mode.minIdle,
      busy: 0,
      idle: 0,
      starting: 0,
      queued: 0,
      oldestQueuedAt: null,
      blocked: null,
      problem: null,
    })),
    apiUrl: settings.apiUrl,
    desired: settings.desiredRunners,
    minIdle: settings.minIdle,
    maxRunners: goal.max,
    labels: previous?.labels ?? [],
    runners: [],
    recent: previous?.recent ?? [],
    health: {
      ...(previous?.health ?? initialHealth()),
      token: tokenHealth(token.check, token.present),
    },
    blocked: null,
    imagePull: null,
    lastStop: last.lastStop,
    version: (previous?.version ?? 0) + 1,
  }
}
