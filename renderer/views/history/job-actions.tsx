import type { JobRecord } from '../../../common/job-record'

/** What a click on a job can do: the log viewer for its runner, its run on GitHub. */
export interface JobActionHandlers {
  readonly onOpenLog: (runner: string) => void
  readonly onOpenRun: (url: string) => void
}

/** The two actions of one job, as buttons any input device reaches. */
export function JobActions({
  record,
  onOpenLog,
  onOpenRun,
}: { record: JobRecord } & JobActionHandlers) {
  const runUrl = record.runUrl
  return (
    <span className="job-actions">
      <button
        type="button"
        className="button"
        onClick={() => onOpenLog(record.runner)}
        aria-label={`Open the log of ${record.runner}`}
        data-testid="job-open-log"
      >
        Log
      </button>
      <button
        type="button"
        className="button"
        disabled={runUrl === null}
        onClick={() => runUrl && onOpenRun(runUrl)}
        aria-label={`Open the run of ${record.job} on GitHub`}
        title={runUrl === null ? 'GitHub did not say which run this job belonged to.' : undefined}
        data-testid="job-open-run"
      >
        Run
      </button>
    </span>
  )
}
