import { lineAt, type LogBuffer, type LogLine } from './log-buffer'

/**
 * Which lines of a buffer match a search, by absolute index (dropped + position), updated
 * incrementally: new lines are scanned once, dropped ones are cut from the front. A new buffer
 * generation, query or trace choice rescans from scratch. An empty query matches every line shown:
 * with the runner's trace hidden, that is the index of the lines left.
 */
export interface MatchIndex {
  readonly generation: number
  readonly query: string
  /** Whether the runner's trace lines are left out. */
  readonly hideTrace: boolean
  /** Absolute index up to which lines were scanned. */
  readonly scannedTo: number
  readonly matches: readonly number[]
}

/** Case-insensitive substring test on the printed text, of a line that is shown. */
export function lineMatches(line: LogLine, loweredQuery: string, hideTrace = false): boolean {
  if (hideTrace && line.stream === 'trace') return false
  return loweredQuery === '' || line.plain.toLowerCase().includes(loweredQuery)
}

/** Brings a match index up to date with a buffer, query and trace choice. */
export function updateMatches(
  prev: MatchIndex | null,
  buffer: LogBuffer,
  query: string,
  hideTrace = false,
): MatchIndex {
  const q = query.toLowerCase()
  const reuse =
    prev !== null &&
    prev.generation === buffer.generation &&
    prev.query === q &&
    prev.hideTrace === hideTrace
  const start = reuse ? Math.max(prev.scannedTo, buffer.dropped) : buffer.dropped
  const end = buffer.dropped + buffer.length
  const found: number[] = []
  for (let abs = start; abs < end; abs++) {
    if (lineMatches(lineAt(buffer, abs - buffer.dropped), q, hideTrace)) found.push(abs)
  }
  let kept: readonly number[] = reuse ? prev.matches : []
  if (kept.length > 0 && kept[0]! < buffer.dropped)
    kept = kept.slice(firstAtLeast(kept, buffer.dropped))
  if (reuse && found.length === 0 && kept === prev.matches && prev.scannedTo === end) return prev
  return {
    generation: buffer.generation,
    query: q,
    hideTrace,
    scannedTo: end,
    matches: found.length > 0 ? [...kept, ...found] : kept,
  }
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Where the line at absolute index `abs` is in the list shown (`index` null: every line), or -1
 * when it is not shown.
 */
export function positionOf(buffer: LogBuffer, index: MatchIndex | null, abs: number): number {
  if (index === null) return abs - buffer.dropped
  const at = firstAtLeast(index.matches, abs)
  return index.matches[at] === abs ? at : -1
}

/** The lines a viewer lists: all of them, or the matches when filtering by a search. */
export interface VisibleLines {
  readonly count: number
  at(index: number): LogLine
}

/** Rows for the windowed list, without copying the buffer. */
export function visibleLines(buffer: LogBuffer, matches: MatchIndex | null): VisibleLines {
  if (matches === null) return { count: buffer.length, at: (i) => lineAt(buffer, i) }
  return {
    count: matches.matches.length,
    at: (i) => lineAt(buffer, matches.matches[i]! - buffer.dropped),
  }
}

/** Every visible line as plain text, for the clipboard and saved files. */
export function visibleText(lines: VisibleLines, withRunner: boolean): string {
  const out: string[] = []
  for (let i = 0; i < lines.count; i++) {
    const line = lines.at(i)
    out.push(withRunner ? `[${line.runner}] ${line.plain}` : line.plain)
  }
  return out.join('\n')
}
