import { poolHold } from '../../../common/pool-hold'
import type { PoolSnapshot, RunnerView } from '../../../common/pool-status'
import { formatTarget } from '../../../common/target'
import { formatDuration } from '../../state/format-time'
import { describeRunner, sortRunners } from '../../state/runner-order'
import { useEngine } from '../../state/store-context'
import { ExternalLink } from '../common/external-link'
import { LogsLink } from '../common/logs-link'
import { useNow } from '../common/use-now'
import { RecentJobs } from './recent-jobs'

/** What to do when there is no runner to show, for each reason there might be none. */
export function emptyRunnersMessage(snapshot: PoolSnapshot): string {
  const [first] = snapshot.targets
  if (!first)
    return 'No target yet. Choose a repository or organization and add a token, then press Start.'
  const where =
    snapshot.targets.length === 1
      ? formatTarget(first.target)
      : `${snapshot.targets.length} targets`
  if (!snapshot.running) {
    const n = snapshot.desired
    if (snapshot.mode === 'on-demand')
      return `The pool is stopped. Press Start to run runners for the jobs ${where} queues.`
    return n === 0
      ? 'The pool is stopped. Move the slider above 0, then press Start.'
      : `The pool is stopped. Press Start to run ${n} ${n === 1 ? 'runner' : 'runners'} for ${where}.`
  }
  // The banner above says why: the list does not say it again.
  if (poolHold(snapshot)) return 'No runners while the pool is on hold.'
  if (snapshot.mode === 'on-demand') return 'No job waits: runners start when one is queued.'
  if (snapshot.desired === 0) return 'No runners wanted. Move the slider above 0 to add runners.'
  return 'Creating runners…'
}

/** A runner's phase as a short badge and its colour; leaving is neutral, never an error. */
export function phaseBadge(r: RunnerView): { label: string; tone: string } {
  switch (r.phase) {
    case 'busy':
      return { label: 'running a job', tone: 'busy' }
    case 'idle':
      return { label: 'idle', tone: 'idle' }
    case 'finished':
      return { label: 'finished', tone: 'neutral' }
    case 'registering':
    case 'creating':
    case 'starting':
      return { label: 'starting', tone: 'neutral' }
    case 'retiring':
    case 'cancelling':
    case 'removing':
    case 'gone':
      return r.ending === 'failed'
        ? { label: 'failed', tone: 'failed' }
        : { label: 'being removed', tone: 'leaving' }
  }
}

const LEAVING = ['retiring', 'cancelling', 'removing', 'gone']

function RunnerRow({ runner, now }: { runner: RunnerView; now: number }) {
  const leaving = LEAVING.includes(runner.phase)
  const badge = phaseBadge(runner)
  // A problem is worth a row's space while it matters: a failure, not a normal removal.
  const problem =
    runner.problem && (!leaving || runner.ending === 'failed' || runner.ending === 'exited')
  return (
    <tr
      data-testid="runner-row"
      data-runner={runner.name}
      data-phase={runner.phase}
      className={leaving ? 'leaving' : runner.phase === 'busy' ? 'busy' : undefined}
    >
      <th scope="row">
        {runner.name}
        {runner.version && (
          <span className="muted runner-version" data-testid="runner-version">
            {' '}
            v{runner.version}
          </span>
        )}
      </th>
      <td>{runner.target}</td>
      <td>
        <span className={`badge badge-${badge.tone}`} data-testid="runner-badge">
          {badge.label}
        </span>
      </td>
      <td data-testid="runner-job" className="wrap">
        {runner.phase === 'busy' && runner.job && runner.jobUrl ? (
          <>
            Running{' '}
            <ExternalLink href={runner.jobUrl} testId="runner-job-link" className="job-name">
              {runner.job.name}
            </ExternalLink>{' '}
            ({formatDuration(now - runner.job.startedAt)})
          </>
        ) : (
          describeRunner(runner, now)
        )}
        {problem && <span className="runner-problem"> — {runner.problem}</span>}
      </td>
      <td>{formatDuration(now - runner.createdAt)}</td>
      <td>
        <LogsLink runner={runner.name} label={`Logs of ${runner.name}`}>
          Logs
        </LogsLink>
      </td>
    </tr>
  )
}

/** The live runners, working ones first with their job linked to its run, timers ticking. */
export function RunnerList() {
  const snapshot = useEngine((s) => s.snapshot)
  const now = useNow(1000)
  const runners = sortRunners(snapshot.runners)
  return (
    <section className="card" aria-labelledby="runners-title" data-testid="runner-list">
      <h2 id="runners-title">Runners</h2>
      {runners.length === 0 ? (
        <p className="empty" data-testid="empty-runners">
          {emptyRunnersMessage(snapshot)}
        </p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Target</th>
                <th scope="col">State</th>
                <th scope="col">Doing</th>
                <th scope="col">Age</th>
                <th scope="col">
                  <span className="visually-hidden">Logs</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runners.map((r) => (
                <RunnerRow key={r.name} runner={r} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RecentJobs now={now} />
    </section>
  )
}
