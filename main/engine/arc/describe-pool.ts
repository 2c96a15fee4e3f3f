import type { PoolDescription } from '../../../common/arc/pool-description'
import { effectiveMaxRunners, type Settings } from '../../../common/settings'
import type { Target } from '../../../common/target'
import { thisMachine } from '../pool-goal'

/**
 * The pool the saved settings describe, as the ARC exporter takes it: shared by
 * `runnerdock export arc` (no pool flags) and the dashboard's "Export for Kubernetes", so both
 * write the same files. On demand, the maximum is the machine-wide one in force.
 */
export function describeSettings(
  settings: Settings,
  targets: readonly Target[],
  machine = thisMachine(),
): PoolDescription {
  return {
    apiUrl: settings.apiUrl,
    targets,
    mode:
      settings.mode === 'fixed'
        ? { kind: 'fixed', runners: settings.desiredRunners }
        : {
            kind: 'on-demand',
            minIdle: settings.minIdle,
            max: effectiveMaxRunners(settings, machine),
          },
    labels: settings.labels,
    runnerGroup: settings.runnerGroup,
    image: settings.image,
    cpus: settings.cpus,
    memoryMb: settings.memoryMb,
    dockerAccess: settings.dockerAccess,
  }
}
