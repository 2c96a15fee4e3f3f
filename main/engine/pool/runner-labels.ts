import { randomBytes } from 'node:crypto'
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
  /** What a throwaway helper container does (never on a runner; doctor's API-reach probe too). */
  probe: PROBE_LABEL,
  /** The process that made a helper container (`PROCESS_SESSION`): recovery removes others'. */
  session: 'dev.runnerdock.session',
} as const

/**
 * A random id for this process. A helper container is removed by the process that made it once
 * it has read its output; one labelled with another session was left by a process that died.
 */
export const PROCESS_SESSION = randomBytes(6).toString('hex')

/**
 * A helper container's labels (cache seeding, folder cleanup): the installation's, what it does and
 * this process's session, so recovery (or `doctor --fix`) removes one a crash left; with no runner
 * label it is never taken for a runner.
 */
export function helperLabels(installationId: string, probe: string): Record<string, string> {
  return {
    [LABELS.installation]: installationId,
    [LABELS.probe]: probe,
    [LABELS.session]: PROCESS_SESSION,
  }
}

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
