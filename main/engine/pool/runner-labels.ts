import type { PoolSettings } from './pool-config'
import { poolKey } from './pool-config'

/** Docker labels that mark a container as ours, and which pool and runner it serves. */
export const LABELS = {
  installation: 'dev.runnerdock.installation',
  pool: 'dev.runnerdock.pool',
  runner: 'dev.runnerdock.runner',
  runnerId: 'dev.runnerdock.runner-id',
  apiUrl: 'dev.runnerdock.api-url',
} as const

/** Runner names carry the installation id, so recovery knows ours from anyone else's. */
export function runnerNamePrefix(installationId: string): string {
  return `rd-${installationId}-`
}

/** A GitHub label that tags every runner of this installation (jobs may also target it). */
export function installationLabel(installationId: string): string {
  return `runnerdock-${installationId}`
}

/** The labels a runner is registered with (a JIT runner gets exactly these, nothing implicit). */
export function runnerLabels(settings: Pick<PoolSettings, 'installationId' | 'labels'>): string[] {
  return ['self-hosted', installationLabel(settings.installationId), ...settings.labels]
}

/** The Docker labels of one runner's container. */
export function containerLabels(
  settings: PoolSettings,
  name: string,
  runnerId: number | null,
): Record<string, string> {
  return {
    [LABELS.installation]: settings.installationId,
    [LABELS.pool]: poolKey(settings),
    [LABELS.runner]: name,
    [LABELS.runnerId]: String(runnerId ?? ''),
    [LABELS.apiUrl]: settings.apiUrl,
  }
}
