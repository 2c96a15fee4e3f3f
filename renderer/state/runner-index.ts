import type { PoolSnapshot, RunnerView } from '../../common/pool-status'

/** Every runner the UI knows by name: live ones, and gone ones that ran a job. */
export type RunnerIndex = ReadonlyMap<string, RunnerView>

/** Indexes a snapshot's runners, a live runner winning over a recent entry of the same name. */
export function runnerIndex(snapshot: Pick<PoolSnapshot, 'runners' | 'recent'>): RunnerIndex {
  const byName = new Map<string, RunnerView>()
  for (const r of snapshot.recent) if (!byName.has(r.name)) byName.set(r.name, r)
  for (const r of snapshot.runners) byName.set(r.name, r)
  return byName
}

/**
 * A runner as the log picker names it: its job first (that is what a user looks for), then the
 * target and the runner's own name, so `rd-…` ids are never all there is to go by.
 */
export function runnerLabel(name: string, view: RunnerView | undefined, finished: boolean): string {
  if (!view) return finished ? `${name} (finished)` : name
  const job = view.job
  const what = job
    ? job.result
      ? `${job.name}: ${job.result}`
      : `${job.name} (running)`
    : view.phase === 'idle'
      ? 'idle'
      : finished || view.phase === 'gone'
        ? 'no job'
        : 'starting'
  return `${what} — ${view.target} (${name})`
}

/** What the log viewer's header says about the runner shown. */
export interface LogHeading {
  readonly title: string
  readonly result: string | null
  readonly running: boolean
  readonly url: string | null
  readonly target: string | null
  readonly runner: string | null
}

/** The log view's header: the job (or what the runner does), its result and its run page. */
export function logHeading(runner: string | null, view: RunnerView | undefined): LogHeading {
  if (runner === null)
    return { title: 'All runners', result: null, running: false, url: null, target: null, runner }
  const job = view?.job ?? null
  return {
    title: job ? job.name : view?.phase === 'idle' ? 'Waiting for a job' : 'No job yet',
    result: job?.result ?? null,
    running: job !== null && job.result === null && view?.phase === 'busy',
    url: view?.jobUrl ?? null,
    target: view?.target ?? null,
    runner,
  }
}
