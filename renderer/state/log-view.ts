import type { LogEntry, LogSource } from '../../common/log-entry'
import {
  appendLines,
  emptyBuffer,
  lastLine,
  linesBetween,
  type LogBuffer,
  type LogLine,
} from './log-buffer'

/** Lines kept per view: the most `readLogs` can return, and still cheap with a windowed list. */
export const LOG_VIEW_CAPACITY = 100_000

// CSI (colours, cursor moves), OSC (titles, hyperlinks) and other two-byte escapes, then any C0
// control character but tab: what a terminal would not print.
const ESCAPES =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f\x7f]/g

/** A line's text as a terminal would print it, without escape codes: what search and copy see. */
export function stripAnsi(text: string): string {
  return lastCarriageSegment(text).replace(ESCAPES, '')
}

/** A terminal overwrites a line at each `\r`: keep what would be left on screen (progress bars). */
export function lastCarriageSegment(text: string): string {
  if (!text.includes('\r')) return text
  const parts = text.split('\r').filter((p) => p.length > 0)
  return parts[parts.length - 1] ?? ''
}

/** Prepares an entry for the viewer. */
export function toLogLine(entry: LogEntry): LogLine {
  return { ...entry, plain: stripAnsi(entry.text) }
}

/** The log viewer's data: one source at a time, fed by a backfill and then live lines. */
export interface LogViewState {
  /** Whether a viewer is open; lines are only kept while one is. */
  readonly active: boolean
  /** The runner shown, or null for all runners. */
  readonly runner: string | null
  readonly buffer: LogBuffer
  readonly sources: readonly LogSource[]
  readonly loading: boolean
  readonly error: string | null
  /** Newest seq seen on the engine-wide stream: a jump means the host skipped lines. */
  readonly lastSeq: number
}

/** No viewer open. */
export function initialLogView(capacity = LOG_VIEW_CAPACITY): LogViewState {
  return {
    active: false,
    runner: null,
    buffer: emptyBuffer(capacity),
    sources: [],
    loading: false,
    error: null,
    lastSeq: 0,
  }
}

/**
 * Switches to a source: an empty buffer of a new generation, waiting for its backfill. The seq
 * tracking restarts too (the backfill covers what came before; after a reconnection the engine
 * may have restarted its sequence).
 */
export function selectSource(state: LogViewState, runner: string | null): LogViewState {
  return {
    ...state,
    active: true,
    runner,
    loading: true,
    error: null,
    lastSeq: 0,
    buffer: emptyBuffer(state.buffer.capacity, state.buffer.generation + 1),
  }
}

/**
 * Takes a live batch: keeps the lines of the shown source not seen yet, lists runners new to the
 * picker, and reports a gap when the engine-wide seq jumped (the host drops batches for a slow
 * client): `gap` is the seq after which lines are missing, for the caller to re-read.
 */
export function ingestLive(
  state: LogViewState,
  batch: readonly LogEntry[],
): { state: LogViewState; gap: number | null } {
  if (batch.length === 0) return { state, gap: null }
  const first = batch[0]!.seq
  const newest = batch.reduce((max, e) => Math.max(max, e.seq), state.lastSeq)
  const gap =
    state.active && state.lastSeq > 0 && first !== state.lastSeq + 1 ? state.lastSeq : null
  if (!state.active) return { state: { ...state, lastSeq: newest }, gap: null }
  const after = lastLine(state.buffer)?.seq ?? 0
  const mine = batch.filter(
    (e) => (state.runner === null || e.runner === state.runner) && e.seq > after,
  )
  const known = new Set(state.sources.map((s) => s.runner))
  const added: LogSource[] = []
  for (const e of batch) {
    if (known.has(e.runner)) continue
    known.add(e.runner)
    added.push({ runner: e.runner, finished: false, lines: 0, firstSeq: e.seq, lastSeq: e.seq })
  }
  return {
    state: {
      ...state,
      lastSeq: newest,
      buffer: appendLines(state.buffer, mine.map(toLogLine)),
      sources: added.length > 0 ? [...added, ...state.sources] : state.sources,
    },
    gap,
  }
}

/**
 * Merges lines read with `readLogs` into what arrived live meanwhile, by seq: lines older than the
 * read stay, the read replaces its range, newer live lines follow. A new generation, so search
 * indexes rebuild.
 */
export function mergeFetched(buffer: LogBuffer, entries: readonly LogEntry[]): LogBuffer {
  if (entries.length === 0) return buffer
  const from = entries[0]!.seq
  const to = entries[entries.length - 1]!.seq
  const kept = linesBetween(buffer)
  const before = kept.filter((l) => l.seq < from)
  const after = kept.filter((l) => l.seq > to)
  let next = emptyBuffer(buffer.capacity, buffer.generation + 1)
  next = appendLines(next, before)
  next = appendLines(next, entries.map(toLogLine))
  return appendLines(next, after)
}

/** A picker entry: a runner whose log can be shown. */
export interface SourceOption {
  readonly runner: string
  readonly finished: boolean
}

/**
 * The picker's runners: live ones first, then finished ones (their logs stay readable), plus
 * runners that have not printed yet and the preselected one, so `#logs/<name>` always shows it.
 */
export function sourceOptions(
  sources: readonly LogSource[],
  liveRunners: readonly string[],
  selected: string | null,
): SourceOption[] {
  const byName = new Map<string, SourceOption>()
  for (const s of sources) byName.set(s.runner, { runner: s.runner, finished: s.finished })
  for (const name of liveRunners) byName.set(name, { runner: name, finished: false })
  if (selected !== null && !byName.has(selected))
    byName.set(selected, { runner: selected, finished: false })
  return [...byName.values()].sort(
    (a, b) => Number(a.finished) - Number(b.finished) || a.runner.localeCompare(b.runner),
  )
}
