import { resultKind, type JobRecord } from '../../common/job-record'

/** An OS notification for a finished job, with the run page a click opens. */
export interface JobNotificationModel {
  readonly title: string
  readonly body: string
  /** Deduplicates: one notification per job, however often it is reported. */
  readonly key: string
  /** The run on GitHub (a click opens it), or null: the runner's log opens instead. */
  readonly url: string | null
  readonly runner: string
  readonly urgent: boolean
}

/**
 * The notification for a finished job, or null. A failed or cancelled job notifies unless the
 * user turned `notifyFailedJobs` off; a succeeded one only with `notifyJobResults` on. Decided
 * from the structured record, not from a notice's wording.
 */
export function jobNotification(
  record: JobRecord,
  options: { notifyFailedJobs: boolean; notifyJobResults: boolean },
): JobNotificationModel | null {
  const kind = resultKind(record.result)
  const bad = kind === 'failed' || kind === 'canceled'
  if (bad ? !options.notifyFailedJobs : !options.notifyJobResults) return null
  const where = record.repository ?? record.runner
  const verb = kind === 'succeeded' ? 'succeeded' : (record.result ?? 'ended').toLowerCase()
  return {
    title: `Job ${verb}: ${record.job}`,
    body: record.workflow ? `${where} · ${record.workflow}` : where,
    key: `job|${record.id}`,
    url: record.runUrl ?? record.jobUrl,
    runner: record.runner,
    urgent: bad,
  }
}
