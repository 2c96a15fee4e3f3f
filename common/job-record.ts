import { z } from 'zod'
import { jobResultSchema } from './pool-status'

/**
 * One finished job as RunnerDock remembers it: written to the job history when the job ends, read
 * back by `runnerdock jobs`, the metrics and the History view. Plain data, no secrets: only names,
 * URLs and times that GitHub shows anyone who can see the run.
 */

/** Where a record's times come from: GitHub's job data (the user's real wait) or the runner's log. */
export const jobTimesSourceSchema = z.enum(['github', 'runner'])
/** Where a record's times come from. */
export type JobTimesSource = z.infer<typeof jobTimesSourceSchema>

const epochMs = z.number().int().min(0)
const text = (max: number) => z.string().max(max)

/** A finished job: validated on every read, so a damaged history line is skipped, not trusted. */
export const jobRecordSchema = z.object({
  /** GitHub's job id (decimal) when known, else a local id (`localJobId`). */
  id: text(200).min(1),
  /** `owner/repo`; null when only the runner's log is known (an organization pool). */
  repository: text(200).nullable(),
  workflow: text(500).nullable(),
  /** The job's display name, as the runner prints it in "Running job: X". */
  job: text(500),
  runId: z.number().int().nullable(),
  /** The run's page on GitHub (html, not the API URL). */
  runUrl: text(2048).nullable(),
  /** The job's page on GitHub. */
  jobUrl: text(2048).nullable(),
  runner: text(200),
  labels: z.array(text(200)).max(100),
  queuedAt: epochMs.nullable(),
  startedAt: epochMs.nullable(),
  finishedAt: epochMs.nullable(),
  /** As the runner prints it (`Succeeded`, `Failed`, `Canceled`…), or GitHub's conclusion mapped. */
  result: jobResultSchema.nullable(),
  /** Queued → started: how long the user waited for a runner. */
  pickupLatencyMs: z.number().min(0).nullable(),
  /** Started → finished. */
  durationMs: z.number().min(0).nullable(),
  source: jobTimesSourceSchema,
  /** When RunnerDock recorded it: always set, so retention and `--since` never depend on GitHub. */
  recordedAt: epochMs,
})
/** A finished job as the history keeps it. */
export type JobRecord = z.infer<typeof jobRecordSchema>

/** An ephemeral runner takes one job, so its name identifies the job until GitHub's id is known. */
export function localJobId(runner: string): string {
  return `runner:${runner}`
}

// A span between two instants, or null when either is unknown. Clock skew between GitHub and this
// machine must not produce a negative wait, so it is clamped at 0.
function span(from: number | null, to: number | null): number | null {
  return from === null || to === null ? null : Math.max(0, to - from)
}

/** How long the job waited for a runner (queued → started): the wait users feel. */
export function pickupLatencyMs(queuedAt: number | null, startedAt: number | null): number | null {
  return span(queuedAt, startedAt)
}

/** How long the job ran (started → finished). */
export function jobDurationMs(startedAt: number | null, finishedAt: number | null): number | null {
  return span(startedAt, finishedAt)
}

/** A record's fields before the derived ones: callers never compute latency or duration themselves. */
export type JobRecordInput = Omit<JobRecord, 'pickupLatencyMs' | 'durationMs'>

/** Fills the derived fields, so every writer computes latency and duration the same way. */
export function makeJobRecord(input: JobRecordInput): JobRecord {
  return {
    ...input,
    pickupLatencyMs: pickupLatencyMs(input.queuedAt, input.startedAt),
    durationMs: jobDurationMs(input.startedAt, input.finishedAt),
  }
}

// GitHub's job conclusions (REST `workflow job`), in the runner's own words where it has one
// (actions/runner's TaskResult), so history reads the same whichever side reported the job.
const CONCLUSION_RESULTS: Readonly<Record<string, string>> = {
  success: 'Succeeded',
  failure: 'Failed',
  cancelled: 'Canceled',
  skipped: 'Skipped',
  timed_out: 'TimedOut',
  neutral: 'Neutral',
  action_required: 'ActionRequired',
  stale: 'Stale',
  startup_failure: 'StartupFailure',
}

/** GitHub's `conclusion` as a result; null while the job has none (still running). */
export function resultFromConclusion(conclusion: string | null | undefined): string | null {
  if (!conclusion) return null
  const known = CONCLUSION_RESULTS[conclusion]
  if (known) return known
  // An unknown future conclusion is kept readable (`some_new_thing` → `SomeNewThing`), not lost.
  return conclusion
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')
    .slice(0, 40)
}

/** How a result is drawn and counted: colour in charts, success rate in summaries. */
export type ResultKind = 'succeeded' | 'failed' | 'canceled' | 'other' | 'unknown'

/** Groups the runner's and GitHub's many results into the few kinds a person tells apart at a glance. */
export function resultKind(result: string | null): ResultKind {
  if (result === null) return 'unknown'
  switch (result.toLowerCase()) {
    case 'succeeded':
    case 'succeededwithissues':
      return 'succeeded'
    case 'failed':
    case 'timedout':
    case 'startupfailure':
    case 'abandoned':
      return 'failed'
    case 'canceled':
    case 'cancelled':
      return 'canceled'
    default:
      return 'other'
  }
}
