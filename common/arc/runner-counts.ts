import { err, ok, type Result } from '../result'
import type { PoolMode } from './pool-description'

/** ARC's two scaling numbers for one scale set. */
export interface RunnerCounts {
  /** Idle runners ARC keeps ready; it adds one runner per assigned job on top, up to the max. */
  readonly minRunners: number
  readonly maxRunners: number
}

const count = (n: number) => Number.isInteger(n) && n >= 0

/**
 * Maps RunnerDock's mode onto ARC's numbers: Fixed N keeps N runners (min = max = N); On demand
 * keeps `minIdle` idle runners and grows to `max`. ARC's chart refuses min > max or negatives.
 */
export function runnerCountsFor(mode: PoolMode): Result<RunnerCounts, string> {
  if (mode.kind === 'fixed') {
    if (!count(mode.runners))
      return err(`The runner count must be a whole number of 0 or more (got ${mode.runners}).`)
    return ok({ minRunners: mode.runners, maxRunners: mode.runners })
  }
  if (!count(mode.minIdle) || !count(mode.max))
    return err(
      `Idle and maximum runners must be whole numbers of 0 or more (got ${mode.minIdle} and ${mode.max}).`,
    )
  if (mode.minIdle > mode.max)
    return err(
      `Idle runners (${mode.minIdle}) cannot exceed the maximum (${mode.max}): ARC's chart refuses minRunners > maxRunners.`,
    )
  return ok({ minRunners: mode.minIdle, maxRunners: mode.max })
}
