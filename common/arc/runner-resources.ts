import { err, ok, type Result } from '../result'

/** Kubernetes resource limits for the runner container, as quantity strings. */
export interface ResourceLimits {
  readonly cpu?: string
  readonly memory?: string
}

/**
 * RunnerDock's Docker limits as Kubernetes limits: `cpus` becomes CPU cores (millicores when not a
 * whole number; Kubernetes counts CPU in steps of 1m) and `memoryMb` becomes mebibytes (RunnerDock
 * gives Docker `memoryMb × 1024 × 1024` bytes). `null` means no limit, as in RunnerDock.
 */
export function resourceLimitsFor(
  cpus: number | null,
  memoryMb: number | null,
): Result<ResourceLimits | null, string> {
  const limits: { cpu?: string; memory?: string } = {}
  if (cpus !== null) {
    const millicores = Math.round(cpus * 1000)
    if (!Number.isFinite(cpus) || millicores < 1)
      return err(`The CPU limit must be at least 0.001 cores (got ${cpus}).`)
    limits.cpu = millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`
  }
  if (memoryMb !== null) {
    if (!Number.isInteger(memoryMb) || memoryMb < 1)
      return err(`The memory limit must be a whole number of MB (got ${memoryMb}).`)
    limits.memory = `${memoryMb}Mi`
  }
  return ok(limits.cpu === undefined && limits.memory === undefined ? null : limits)
}
