import { summarize, type PoolSnapshot } from '../../common/pool-status'

/**
 * Whether the OS must not suspend the app: while any runner runs a job, a sleeping machine would
 * drop the job's connection to GitHub and fail it. Idle runners let the machine sleep.
 */
export function shouldPreventSuspension(
  snapshot: Pick<PoolSnapshot, 'runners' | 'desired'>,
): boolean {
  return summarize(snapshot).busy > 0
}

/** What to do with the power-save blocker given whether one is active and the new snapshot. */
export function powerBlockerAction(
  active: boolean,
  snapshot: Pick<PoolSnapshot, 'runners' | 'desired'>,
): 'start' | 'stop' | 'none' {
  const want = shouldPreventSuspension(snapshot)
  return want === active ? 'none' : want ? 'start' : 'stop'
}
