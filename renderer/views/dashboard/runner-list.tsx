import type { PoolSnapshot, RunnerView } from '../../../common/pool-status'
import { formatTarget } from '../../../common/target'
import { formatDuration } from '../../state/format-time'
import { LogsLink } from '../common/logs-link'
import { describeRunner, sortRunners } from '../../state/runner-order'
import { useEngine } from '../../state/store-context'
import { useNow } from '../common/use-now'

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
  if (snapshot.mode === 'on-demand')
    return snapshot.blocked
      ? `No runners yet: ${snapshot.blocked.message}`
      : 'No job waits: runners start when one is queued.'
  if (snapshot.desired === 0) return 'No runners wanted. Move the slider above 0 to add runners.'
  if (snapshot.blocked) return `No runners yet: ${snapshot.blocked.message}`
  return 'Creating runners…'
}

// The phase as a short badge; a runner on its way out is not shown as an error.
const PHASE_LABEL: Record<RunnerView['phase'], string> = {
  registering: 'registering',
  creating: 'starting',
  starting: 'starting',
  idle: 'idle',
  busy: 'busy',
  finished: 'finished',
  retiring: 'leaving',
  cancelling: 'leaving',
  removing: 'leaving',
  gone: 'gone',
}

function RunnerRow({ runner, now }: { runner: RunnerView; now: number }) {
  const leaving = ['retiring', 'cancelling', 'removing'].includes(runner.phase)
  return (
    <tr
      data-testid="runner-row"
      data-runner={runner.name}
      data-phase={runner.phase}
      className={leaving ? 'retiring' : undefined}
    >
      <th scope="row">{runner.name}</th>
      <td>
        <span className={`badge badge-${PHASE_LABEL[runner.phase]}`}>
          {PHASE_LABEL[runner.phase]}
        </span>
      </td>
      <td data-testid="runner-job">
        {describeRunner(runner, now)}
        {runner.problem && runner.phase !== 'removing' && (
          <span className="runner-problem"> — {runner.problem}</span>
        )}
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

/** The live runners, working ones first, with their job timers ticking. */
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
      {snapshot.recent.length > 0 && <RecentRunners runners={snapshot.recent} now={now} />}
    </section>
  )
}

function RecentRunners({ runners, now }: { runners: readonly RunnerView[]; now: number }) {
  return (
    <details className="recent" open>
      <summary>Recent jobs ({runners.length})</summary>
      <ul>
        {runners.map((r) => (
          <li key={r.name} data-testid="recent-job">
            <span className={`badge badge-result-${(r.job?.result ?? 'none').toLowerCase()}`}>
              {r.job?.result ?? 'no result'}
            </span>{' '}
            {r.job?.name ?? 'job'}
            {r.job?.finishedAt != null && (
              <>
                {' '}
                · {formatDuration(r.job.finishedAt - r.job.startedAt)} ·{' '}
                {formatDuration(now - r.job.finishedAt)} ago
              </>
            )}{' '}
            · <LogsLink runner={r.name}>log</LogsLink>
          </li>
        ))}
      </ul>
    </details>
  )
}
