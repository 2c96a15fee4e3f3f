import type { PoolSnapshot } from '../../common/pool-status'

/** A job that stopping now would cut short, as the confirmation lists it. */
export interface JobAtRisk {
  readonly runner: string
  readonly job: string
  readonly target: string
}

/** What "Stop now" asks before it removes every runner. */
export interface StopQuestion {
  readonly title: string
  readonly detail: string
  readonly jobs: readonly JobAtRisk[]
  readonly confirm: string
}

/**
 * The question before "Stop now": it names every job that will fail (busy runners' jobs), so the
 * user decides knowing what is lost; with none running it says so.
 */
export function stopNowQuestion(snapshot: Pick<PoolSnapshot, 'runners'>): StopQuestion {
  const jobs = snapshot.runners
    .filter((r) => r.phase === 'busy')
    .map((r) => ({ runner: r.name, job: r.job?.name ?? 'a job', target: r.target }))
  if (jobs.length === 0)
    return {
      title: 'Stop now?',
      detail: 'No job is running. Every runner is removed now.',
      jobs,
      confirm: 'Stop now',
    }
  return {
    title:
      jobs.length === 1 ? 'Stop now and fail 1 job?' : `Stop now and fail ${jobs.length} jobs?`,
    detail:
      jobs.length === 1
        ? 'This job is cancelled and fails on GitHub:'
        : 'These jobs are cancelled and fail on GitHub:',
    jobs,
    confirm: jobs.length === 1 ? 'Stop now, fail the job' : 'Stop now, fail the jobs',
  }
}
