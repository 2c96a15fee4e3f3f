import { resultKind, type JobRecord } from '../../common/job-record'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A span for a narrow column: `850 ms`, `42 s`, `3 m 05 s`, `2 h 07 m`, `3 d 4 h`; `-` unknown. */
export function formatSpan(ms: number | null): string {
  if (ms === null) return '-'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = Math.floor(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} m ${String(s % 60).padStart(2, '0')} s`
  const h = Math.floor(m / 60)
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, '0')} m`
  return `${Math.floor(h / 24)} d ${h % 24} h`
}

/** When a job ended, relative while recent (`5 m ago`), a UTC date and time once a week old. */
export function formatWhen(at: number, now: number): string {
  const ago = now - at
  if (ago < 0) return new Date(at).toISOString().slice(0, 16).replace('T', ' ')
  if (ago < MINUTE) return 'just now'
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} m ago`
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`
  if (ago < 7 * DAY) return `${Math.floor(ago / DAY)} d ago`
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ')
}

// Keeps one cell from widening the whole table past a terminal's width.
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

const HEADERS = ['WHEN', 'REPOSITORY', 'WORKFLOW / JOB', 'RESULT', 'WAITED', 'TOOK', 'RUNNER']
// The numeric columns line up on the right, like `docker ps` sizes.
const RIGHT = new Set([4, 5])

/**
 * `runnerdock jobs` as aligned columns, newest first as given. WAITED is the pickup latency
 * (queued → started, GitHub's times), TOOK the job's duration; a failed job's result is upper
 * case so it stands out without colour.
 */
export function formatJobsTable(records: readonly JobRecord[], now: number): string {
  const rows = records.map((r) => [
    formatWhen(r.finishedAt ?? r.recordedAt, now),
    clip(r.repository ?? '-', 40),
    clip(r.workflow ? `${r.workflow} / ${r.job}` : r.job, 60),
    resultKind(r.result) === 'failed' ? (r.result ?? '').toUpperCase() : (r.result ?? '-'),
    formatSpan(r.pickupLatencyMs),
    formatSpan(r.durationMs),
    r.runner,
  ])
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (RIGHT.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [HEADERS, ...rows].map(line).join('\n')
}
