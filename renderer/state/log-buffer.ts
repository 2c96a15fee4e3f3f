import type { LogEntry } from '../../common/log-entry'

/** A log line as the viewer keeps it: the entry plus its text without escape codes (search, copy). */
export interface LogLine extends LogEntry {
  readonly plain: string
}

const CHUNK = 1024

/**
 * An immutable ring of log lines: appending copies at most one 1,024-line chunk and the chunk list,
 * never the whole log, so a 100k-line view stays cheap at high line rates. Immutability lets a
 * paused viewer keep showing the buffer it froze while new lines keep arriving.
 */
export interface LogBuffer {
  /** Changes whenever lines are replaced rather than appended (new source, gap filled). */
  readonly generation: number
  readonly capacity: number
  /** Lines dropped from the front since this generation began: absolute index = dropped + i. */
  readonly dropped: number
  readonly length: number
  readonly chunks: readonly (readonly LogLine[])[]
  /** Offset of the first kept line in chunks[0]. */
  readonly head: number
}

/** An empty buffer; every chunk but the last holds exactly CHUNK lines. */
export function emptyBuffer(capacity: number, generation = 0): LogBuffer {
  return { generation, capacity: Math.max(1, capacity), dropped: 0, length: 0, chunks: [], head: 0 }
}

/** Appends lines, dropping the oldest beyond capacity. Returns the same buffer for no lines. */
export function appendLines(buffer: LogBuffer, lines: readonly LogLine[]): LogBuffer {
  if (lines.length === 0) return buffer
  const chunks = buffer.chunks.slice()
  let last = chunks.length > 0 ? chunks[chunks.length - 1]!.slice() : null
  if (last) chunks[chunks.length - 1] = last
  for (const line of lines) {
    if (!last || last.length === CHUNK) {
      last = []
      chunks.push(last)
    }
    last.push(line)
  }
  let head = buffer.head
  let length = buffer.length + lines.length
  let dropped = buffer.dropped
  if (length > buffer.capacity) {
    const excess = length - buffer.capacity
    head += excess
    length = buffer.capacity
    dropped += excess
    while (head >= CHUNK) {
      chunks.shift()
      head -= CHUNK
    }
  }
  return { ...buffer, chunks, head, length, dropped }
}

/** The line at position `index` (0 = oldest kept). */
export function lineAt(buffer: LogBuffer, index: number): LogLine {
  if (index < 0 || index >= buffer.length) throw new RangeError(`No log line ${index}`)
  const p = buffer.head + index
  return buffer.chunks[Math.floor(p / CHUNK)]![p % CHUNK]!
}

/** The newest line, if any. */
export function lastLine(buffer: LogBuffer): LogLine | undefined {
  return buffer.length === 0 ? undefined : lineAt(buffer, buffer.length - 1)
}

/** Lines [from, to) as an array (copy, save). */
export function linesBetween(buffer: LogBuffer, from = 0, to = buffer.length): LogLine[] {
  const out: LogLine[] = []
  for (let i = Math.max(0, from); i < Math.min(to, buffer.length); i++) out.push(lineAt(buffer, i))
  return out
}
