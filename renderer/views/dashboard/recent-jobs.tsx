import { formatDuration } from '../../state/format-time'
import { jobEndedAt, recentJobs, resultTone } from '../../state/recent-jobs'
import { useEngine } from '../../state/store-context'
import { ExternalLink } from '../common/external-link'
import { LogsLink } from '../common/logs-link'

/**
 * The jobs runners ran, newest first: result (coloured), job, target, when, how long, its log and
 * its run on GitHub. Runners that never ran a job are not here.
 */
export function RecentJobs({ now }: { now: number }) {
  const recent = useEngine((s) => s.snapshot.recent)
  const jobs = recentJobs(recent)
  if (jobs.length === 0) return null
  return (
    <details className="recent" open>
      <summary>
        <h3>Recent jobs ({jobs.length})</h3>
      </summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Result</th>
              <th scope="col">Job</th>
              <th scope="col">Target</th>
              <th scope="col">Ended</th>
              <th scope="col">Took</th>
              <th scope="col">
                <span className="visually-hidden">Links</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((r) => {
              const job = r.job!
              return (
                <tr
                  key={r.name}
                  data-testid="recent-job"
                  data-runner={r.name}
                  data-result={job.result ?? ''}
                >
                  <td>
                    <span className={`badge badge-${resultTone(job.result)}`}>
                      {job.result ?? 'no result'}
                    </span>
                  </td>
                  <th scope="row">{job.name}</th>
                  <td>{r.target}</td>
                  <td>{formatDuration(now - jobEndedAt(r))} ago</td>
                  <td>
                    {job.finishedAt !== null ? formatDuration(job.finishedAt - job.startedAt) : '—'}
                  </td>
                  <td className="links">
                    <LogsLink runner={r.name} label={`Log of ${job.name} (${r.name})`}>
                      Log
                    </LogsLink>
                    {r.jobUrl && (
                      <ExternalLink href={r.jobUrl} testId="recent-run-link">
                        Run
                      </ExternalLink>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </details>
  )
}
