import { resultKind, type JobRecord } from '../../../common/job-record'
import { formatJobTime, formatSpan } from './history-format'
import { JobActions, type JobActionHandlers } from './job-actions'

/** Rows shown at most: the charts carry the long view, the table the recent detail. */
export const JOB_TABLE_ROWS = 100

/**
 * Recent jobs, newest first: what the timeline shows, as a table screen readers and keyboards can
 * use, with each job's log and run one press away.
 */
export function JobTable({
  records,
  now,
  ...handlers
}: { records: readonly JobRecord[]; now: number } & JobActionHandlers) {
  const shown = records.slice(0, JOB_TABLE_ROWS)
  return (
    <div className="table-scroll">
      <table data-testid="history-table">
        <caption className="visually-hidden">
          The {shown.length} most recent jobs, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Repository</th>
            <th scope="col">Result</th>
            <th scope="col">Finished</th>
            <th scope="col">Waited</th>
            <th scope="col">Took</th>
            <th scope="col">Runner</th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={`${r.id}-${r.recordedAt}`} data-testid="history-row" data-job={r.id}>
              <th scope="row">{r.workflow ? `${r.workflow} / ${r.job}` : r.job}</th>
              <td>{r.repository ?? '—'}</td>
              <td>
                <span className={`badge badge-kind-${resultKind(r.result)}`}>
                  {r.result ?? 'no result'}
                </span>
              </td>
              <td>{formatJobTime(r.finishedAt ?? r.recordedAt, now)}</td>
              <td>{formatSpan(r.pickupLatencyMs)}</td>
              <td>{formatSpan(r.durationMs)}</td>
              <td>{r.runner}</td>
              <td>
                <JobActions record={r} {...handlers} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
