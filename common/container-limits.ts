/** What bounds one runner container; null means no limit of that kind. */
export interface RunnerLimits {
  readonly cpus: number | null
  readonly memoryMb: number | null
  /** Processes and threads at once: stops a fork bomb, far above what a build starts. */
  readonly pidsLimit: number | null
}

/** Enough for any build system's parallel workers; a fork bomb reaches it in milliseconds. */
export const DEFAULT_PIDS_LIMIT = 4096

/**
 * The limits a runner container gets. By default every runner is bounded, derived from the
 * machine: all cores but one (the desktop stays usable whatever a job does), half the memory,
 * and 4096 processes; the user's own CPU and memory values win. With `resourceLimits` off the
 * user's values are still honoured but nothing is added. What each costs a workflow is in
 * docs/security.md.
 */
export function runnerLimits(
  settings: {
    readonly cpus: number | null
    readonly memoryMb: number | null
    readonly resourceLimits: boolean
  },
  machine: { readonly cores: number; readonly memoryBytes: number },
): RunnerLimits {
  if (!settings.resourceLimits)
    return { cpus: settings.cpus, memoryMb: settings.memoryMb, pidsLimit: null }
  return {
    cpus: settings.cpus ?? Math.max(1, machine.cores - 1),
    memoryMb: settings.memoryMb ?? Math.max(1024, Math.floor(machine.memoryBytes / 2 ** 21)),
    pidsLimit: DEFAULT_PIDS_LIMIT,
  }
}

/** The network runners join unless the user chose one: this installation's own, isolated. */
export function installationNetwork(installationId: string): string {
  return `runnerdock-${installationId}`
}
