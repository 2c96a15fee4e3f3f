import type { ReactNode } from 'react'
import type { JobRecord } from '../../../common/job-record'
import type { UtilizationSample } from './history-data'
import type { JobActionHandlers } from './job-actions'
import { JobTable } from './job-table'
import { PerDayCard } from './per-day-card'
import { TimelineCard } from './timeline-card'
import { UtilizationCard } from './utilization-card'
import { WaitCard } from './wait-card'

/** What the History view draws; the host supplies the data (no store wiring here). */
export interface HistoryViewProps extends JobActionHandlers {
  /** Finished jobs, newest first (as `JobHistory.list` returns them). */
  readonly records: readonly JobRecord[]
  /** The instant "now" for windows and "today"; a minute's resolution is plenty. */
  readonly now: number
  /** The pool's busy and idle runner counts over time. */
  readonly utilization: readonly UtilizationSample[]
  /** How jobs get here on this installation (the empty state's second paragraph). */
  readonly emptyHint?: ReactNode
}

/**
 * "What happened, at a glance": the last day's jobs by repository, wait and run times, jobs per
 * day, how busy the pool was, and the recent jobs as a table with their logs and runs a click away.
 * The page around it (`HistoryPage`) gives the landmark and heading.
 */
export function HistoryView({
  records,
  now,
  utilization,
  emptyHint,
  onOpenLog,
  onOpenRun,
}: HistoryViewProps) {
  const handlers = { onOpenLog, onOpenRun }
  if (records.length === 0)
    return (
      <div className="history" data-testid="history-view">
        <section className="card" aria-labelledby="history-empty-title">
          <h2 id="history-empty-title">No jobs yet</h2>
          <p className="empty" data-testid="history-empty">
            No jobs yet. Each job a RunnerDock runner finishes is recorded here, with its result,
            how long it waited for a runner and how long it ran, and kept across restarts.
          </p>
          {emptyHint}
        </section>
        {utilization.length > 0 && <UtilizationCard utilization={utilization} now={now} />}
      </div>
    )
  return (
    <div className="history" data-testid="history-view">
      <TimelineCard records={records} now={now} {...handlers} />
      <div className="history-grid">
        <WaitCard records={records} />
        <PerDayCard records={records} now={now} />
      </div>
      <UtilizationCard utilization={utilization} now={now} />
      <section className="card" aria-labelledby="history-jobs-title">
        <h2 id="history-jobs-title">Recent jobs</h2>
        <JobTable records={records} now={now} {...handlers} />
      </section>
    </div>
  )
}
