import os from 'node:os'
import { installationNetwork, runnerLimits } from '../../common/container-limits'
import { effectiveMaxRunners, RESTART_FIELDS, type Settings } from '../../common/settings'
import { formatTarget, type Target } from '../../common/target'
import type { DiscoveredRepo } from './demand/discovery'
import type { PoolGoal, PoolSettings } from './pool/pool-config'
import type { PoolTarget } from './pool/target-lane'

/** This machine's size, for the default maximum. */
export function thisMachine(): { cores: number; memoryBytes: number } {
  return { cores: os.availableParallelism?.() ?? os.cpus().length, memoryBytes: os.totalmem() }
}

const same = (a: Target, b: Target) =>
  formatTarget(a).toLowerCase() === formatTarget(b).toLowerCase()

/**
 * The targets a pool serves: the user's, then (with discovery on) every discovered repository the
 * user did not remove and did not already list.
 */
export function poolTargets(
  settings: Pick<Settings, 'targets' | 'discoverRepositories' | 'excludedTargets'>,
  discovered: readonly DiscoveredRepo[],
): PoolTarget[] {
  const chosen: PoolTarget[] = settings.targets.map((target) => ({
    target,
    source: { kind: 'chosen' },
  }))
  if (!settings.discoverRepositories) return chosen
  const found: PoolTarget[] = discovered
    .map((d) => ({
      kind: 'repo' as const,
      owner: d.ref.owner,
      repo: d.ref.repo,
      reasons: d.reasons,
    }))
    .filter((t) => !settings.targets.some((c) => same(c, t)))
    .filter((t) => !settings.excludedTargets.some((x) => same(x, t)))
    .map(({ reasons, ...target }) => ({ target, source: { kind: 'discovered', reasons } }))
  return [...chosen, ...found]
}

/** What the pool aims for, from the settings (applied live, without a restart). */
export function goalFromSettings(
  settings: Settings,
  discovered: readonly DiscoveredRepo[],
  machine = thisMachine(),
): PoolGoal {
  return {
    targets: poolTargets(settings, discovered),
    mode:
      settings.mode === 'fixed'
        ? { kind: 'fixed', perTarget: settings.desiredRunners }
        : {
            kind: 'on-demand',
            minIdle: settings.minIdle,
            idleTimeoutMs: settings.idleTimeoutMinutes * 60_000,
          },
    max: effectiveMaxRunners(settings, machine),
    allowPublic: settings.allowPublic,
  }
}

/** How every runner is made, from the settings (a change restarts the pool). */
export function poolSettingsFrom(
  settings: Settings & { installationId: string },
  machine = thisMachine(),
): PoolSettings {
  const limits = runnerLimits(settings, machine)
  return {
    installationId: settings.installationId,
    apiUrl: settings.apiUrl,
    labels: settings.labels,
    runnerGroup: settings.runnerGroup,
    image: settings.image,
    cpus: limits.cpus,
    memoryMb: limits.memoryMb,
    pidsLimit: limits.pidsLimit,
    networkMode: settings.networkMode ?? installationNetwork(settings.installationId),
    dockerAccess: settings.dockerAccess,
    caches: settings.caches,
  }
}

/** Settings that shape how runners are made: changing one restarts a running pool. */
export { RESTART_FIELDS }

/** Settings the running pool follows at once. */
export const GOAL_FIELDS = [
  'targets',
  'discoverRepositories',
  'excludedTargets',
  'mode',
  'desiredRunners',
  'minIdle',
  'maxRunners',
  'idleTimeoutMinutes',
  'allowPublic',
] as const satisfies readonly (keyof Settings)[]
