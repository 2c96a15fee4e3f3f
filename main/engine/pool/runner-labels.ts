import type { Target } from '../../../common/target'
import type { PoolSettings } from './pool-config'
import { poolKey } from './pool-config'
import { PROBE_LABEL } from '../docker/api-reach'

/** Docker labels that mark a container as ours, and which pool and runner it serves. */
export const LABELS = {
  installation: 'dev.runnerdock.installation',
  pool: 'dev.runnerdock.pool',
  runner: 'dev.runnerdock.runner',
  runnerId: 'dev.runnerdock.runner-id',
  apiUrl: 'dev.runnerdock.api-url',
  /** The hash of the settings that shaped the container (recovery adopts only a match). */
  settings: 'dev.runnerdock.settings',
  /** What a throwaway helper container does (never on a runner); the API-reach probe's too. */
  probe: PROBE_LABEL,
} as const

/** Runner names carry the installation id, so recovery knows ours from anyone else's. */
export function runnerNamePrefix(installationId: string): string {
  return `rd-${installationId}-`
}

/** The Docker labels of one runner's container. */
export function containerLabels(
  settings: PoolSettings & { readonly settingsHash: string },
  target: Target,
  name: string,
  runnerId: number | null,
): Record<string, string> {
  return {
    [LABELS.installation]: settings.installationId,
    [LABELS.pool]: poolKey(settings.apiUrl, target),
    [LABELS.runner]: name,
    [LABELS.runnerId]: String(runnerId ?? ''),
    [LABELS.apiUrl]: settings.apiUrl,
    [LABELS.settings]: settings.settingsHash,
  }
}
