import type { JobHistory } from '../../engine/history/job-history'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import { formatJobsTable } from '../jobs-table'

/** What `runnerdock jobs` was asked for (the lead's argv parser fills it; `--since` via `parseSince`). */
export interface JobsOptions {
  /** Only jobs recorded at or after this instant (epoch ms). */
  readonly since?: number
  /** One JSON array of records, newest first, for scripts. */
  readonly json: boolean
  /** The clock for "5 m ago" (tests pass one). */
  readonly now?: number
}

/** Without `--since` the table stops here: a month of jobs would scroll past unread. */
export const TABLE_LIMIT = 50

/**
 * `runnerdock jobs`: the job history, newest first, as a table for people or one JSON array for
 * scripts (every record, unabridged). Works while the engine runs: it only reads the file.
 */
export async function jobs(
  io: ConsoleIo,
  store: Pick<JobHistory, 'list'>,
  options: JobsOptions,
): Promise<number> {
  let records
  try {
    records = await store.list({ since: options.since })
  } catch (e) {
    io.err(`Could not read the job history (${(e as Error).message}).`)
    return EXIT.failed
  }
  if (options.json) {
    io.out(JSON.stringify(records))
    return EXIT.ok
  }
  if (records.length === 0) {
    io.out(
      options.since === undefined
        ? 'No jobs recorded yet. Jobs appear here once a RunnerDock runner finishes one.'
        : `No jobs since ${new Date(options.since).toISOString()}.`,
    )
    return EXIT.ok
  }
  const shown = options.since === undefined ? records.slice(0, TABLE_LIMIT) : records
  io.out(formatJobsTable(shown, options.now ?? Date.now()))
  if (shown.length < records.length)
    io.out(`(newest ${shown.length} of ${records.length}; use --since 1d or --json for more)`)
  return EXIT.ok
}
