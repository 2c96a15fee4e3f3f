import { resultKind, type JobRecord, type ResultKind } from '../../../common/job-record'
import type { UtilizationSample } from '../../state/history-state'

/**
 * What the History view draws, computed from job records as plain arrays: every number a chart
 * shows comes from here and is tested without a canvas.
 */

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** A job's span on the timeline; jobs without a start are drawn from their end back by duration. */
export interface TimelineBar {
  readonly lane: number
  readonly start: number
  readonly end: number
  readonly kind: ResultKind
  readonly record: JobRecord
}

/** Jobs by repository over a window: one lane per repository, sorted by name. */
export interface Timeline {
  readonly lanes: readonly string[]
  readonly bars: readonly TimelineBar[]
  readonly from: number
  readonly to: number
}

/** The lane name of a job whose repository is not known (an organization pool's runner log). */
export const UNKNOWN_REPOSITORY = '(repository unknown)'

function spanOf(record: JobRecord): { start: number; end: number } {
  const end = record.finishedAt ?? record.recordedAt
  const start = record.startedAt ?? end - (record.durationMs ?? 0)
  return { start: Math.min(start, end), end }
}

/** Recent jobs as bars by repository, for the `windowMs` before `now` (a day by default). */
export function buildTimeline(
  records: readonly JobRecord[],
  now: number,
  windowMs = DAY,
): Timeline {
  const from = now - windowMs
  const visible = records
    .map((record) => ({ record, ...spanOf(record) }))
    .filter((b) => b.end >= from && b.start <= now)
  const lanes = [...new Set(visible.map((b) => b.record.repository ?? UNKNOWN_REPOSITORY))].sort()
  const laneOf = new Map(lanes.map((name, i) => [name, i]))
  const bars = visible.map((b) => ({
    lane: laneOf.get(b.record.repository ?? UNKNOWN_REPOSITORY)!,
    start: b.start,
    end: b.end,
    kind: resultKind(b.record.result),
    record: b.record,
  }))
  return { lanes, bars, from, to: now }
}

/**
 * The part of the timeline's window worth drawing: from a little before its first job to now, so
 * a few short jobs are bars, not slivers lost in a day-wide axis. The whole window when empty.
 */
export function timelineSpan(timeline: Timeline): { from: number; to: number } {
  if (timeline.bars.length === 0) return { from: timeline.from, to: timeline.to }
  const earliest = Math.min(...timeline.bars.map((b) => b.start))
  const pad = Math.max(60_000, (timeline.to - earliest) * 0.05)
  return { from: Math.max(timeline.from, earliest - pad), to: timeline.to }
}

/**
 * The range to draw for values from `min` to `max` on a time axis: uPlot stretches a span of zero
 * (one job, one bucket) out to years, so a span under `minSpan` is widened to it around its middle,
 * and a longer one gets 3% of room at each end.
 */
export function paddedRange(min: number, max: number, minSpan: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [min, max]
  const span = max - min
  if (span >= minSpan) return [min - span * 0.03, max + span * 0.03]
  const middle = (min + max) / 2
  return [middle - minSpan / 2, middle + minSpan / 2]
}

/**
 * The job under a click: in `lane`, spanning `at` give or take `slackMs` (a short job is a sliver
 * on screen). Of several, the one whose middle is nearest wins.
 */
export function barAt(
  timeline: Timeline,
  at: number,
  lane: number,
  slackMs: number,
): TimelineBar | null {
  let best: TimelineBar | null = null
  let bestDistance = Infinity
  for (const bar of timeline.bars) {
    if (bar.lane !== lane || at < bar.start - slackMs || at > bar.end + slackMs) continue
    const distance = Math.abs(at - (bar.start + bar.end) / 2)
    if (distance < bestDistance) {
      best = bar
      bestDistance = distance
    }
  }
  return best
}

/**
 * Pickup latency and duration over time, as uPlot's aligned columns: x in epoch seconds (sorted),
 * then waited and took in seconds (null where unknown, which leaves a gap rather than a 0).
 */
export function waitAndRunSeries(
  records: readonly JobRecord[],
): [number[], (number | null)[], (number | null)[]] {
  const points = records
    .map((r) => ({
      x: (r.startedAt ?? r.finishedAt ?? r.recordedAt) / 1000,
      wait: r.pickupLatencyMs === null ? null : r.pickupLatencyMs / 1000,
      took: r.durationMs === null ? null : r.durationMs / 1000,
    }))
    .sort((a, b) => a.x - b.x)
  return [points.map((p) => p.x), points.map((p) => p.wait), points.map((p) => p.took)]
}

/** One local day's finished jobs by kind of result. */
export interface DayCount {
  /** Local midnight, epoch ms. */
  readonly day: number
  readonly succeeded: number
  readonly failed: number
  readonly canceled: number
  readonly other: number
}

function localMidnight(at: number): number {
  const d = new Date(at)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

/** Jobs per local day for the last `days` days (today included), empty days as zeros. */
export function jobsPerDay(records: readonly JobRecord[], now: number, days = 14): DayCount[] {
  const starts: number[] = []
  for (let day = localMidnight(now), i = 0; i < days; i++) {
    starts.unshift(day)
    day = localMidnight(day - 12 * HOUR) // DST-safe: step into the previous day, then snap
  }
  const counts = new Map(
    starts.map((day) => [day, { day, succeeded: 0, failed: 0, canceled: 0, other: 0 }]),
  )
  for (const record of records) {
    const slot = counts.get(localMidnight(record.finishedAt ?? record.recordedAt))
    if (!slot) continue
    const kind = resultKind(record.result)
    if (kind === 'unknown') slot.other++
    else slot[kind]++
  }
  return starts.map((day) => counts.get(day)!)
}

/** The pool's runner counts at one instant (what the engine's snapshots said). */
export type { UtilizationSample }

/** Busy and idle runner-minutes spent in one time bucket. */
export interface RunnerMinutes {
  readonly start: number
  readonly busy: number
  readonly idle: number
}

/** Hourly buckets for up to two days of samples, daily beyond: about 48 bars at most per screen. */
export function bucketFor(spanMs: number): number {
  return spanMs <= 2 * DAY ? HOUR : DAY
}

/**
 * How busy the pool was: samples are a step function (each count holds until the next sample,
 * the last until `now`), integrated into runner-minutes per bucket of `bucketMs` (aligned to the
 * epoch: hours, or UTC days).
 */
export function runnerMinutes(
  samples: readonly UtilizationSample[],
  now: number,
  bucketMs: number,
): RunnerMinutes[] {
  const sorted = [...samples].sort((a, b) => a.at - b.at)
  if (sorted.length === 0) return []
  const first = Math.floor(sorted[0]!.at / bucketMs) * bucketMs
  const buckets = new Map<number, { start: number; busy: number; idle: number }>()
  for (let start = first; start < Math.max(now, first + 1); start += bucketMs)
    buckets.set(start, { start, busy: 0, idle: 0 })
  sorted.forEach((sample, i) => {
    const until = Math.min(sorted[i + 1]?.at ?? now, now)
    for (let t = sample.at; t < until;) {
      const start = Math.floor(t / bucketMs) * bucketMs
      const end = Math.min(until, start + bucketMs)
      const slot = buckets.get(start)
      if (slot) {
        slot.busy += (sample.busy * (end - t)) / 60_000
        slot.idle += (sample.idle * (end - t)) / 60_000
      }
      t = end
    }
  })
  return [...buckets.values()]
}

/**
 * Stacked columns from separate counts: uPlot draws series in order, so each series is the sum of
 * itself and those below it, and the tallest is drawn first. Returns the columns top-first.
 */
export function stackColumns(columns: readonly (readonly number[])[]): number[][] {
  const stacked: number[][] = []
  columns.forEach((column, i) => {
    stacked.push(column.map((v, j) => v + (i === 0 ? 0 : stacked[i - 1]![j]!)))
  })
  return stacked.reverse()
}

/** The middle value, for a chart's spoken summary; null for none. */
export function median(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b)
  if (known.length === 0) return null
  const mid = Math.floor(known.length / 2)
  return known.length % 2 === 1 ? known[mid]! : (known[mid - 1]! + known[mid]!) / 2
}
