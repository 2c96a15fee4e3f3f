import { jobRecordSchema, type JobRecord } from '../../../common/job-record'

/**
 * The history file's format: one JSON record per line, each line ending in `\n`. A line is written
 * whole or not at all as far as readers care: one without its newline is a write cut short (a
 * crash, a full disk) or one still in progress, and is never read as a record.
 */

/** One record as one line, newline included: the unit written with a single append. */
export function encodeLine(record: JobRecord): string {
  return `${JSON.stringify(record)}\n`
}

/** A line read back, or null when it is not a valid record (damaged or from a broken writer). */
export function decodeRecord(line: Buffer | string): JobRecord | null {
  const text = typeof line === 'string' ? line : line.toString('utf8')
  if (text.trim() === '') return null
  try {
    const parsed = jobRecordSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

const NEWLINE = 0x0a

/**
 * Splits a chunk stream into complete lines. Bytes after the last newline are held until more
 * arrive; what is still held at the end is the torn tail. Lines are cut on bytes, then decoded,
 * so a multi-byte character split across chunks is never broken.
 */
export class LineSplitter {
  private held: Buffer = Buffer.alloc(0)
  /** Bytes consumed up to and including the last complete line's newline. */
  completeBytes = 0

  /** Feeds one chunk; returns the lines it completed, without their newlines. */
  push(chunk: Buffer): Buffer[] {
    const data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk
    const lines: Buffer[] = []
    let start = 0
    for (let i = data.indexOf(NEWLINE); i !== -1; i = data.indexOf(NEWLINE, start)) {
      lines.push(data.subarray(start, i))
      this.completeBytes += i + 1 - start
      start = i + 1
    }
    this.held = Buffer.from(data.subarray(start))
    return lines
  }

  /** Bytes after the last newline: a torn or in-progress line, never a record. */
  get tailBytes(): number {
    return this.held.length
  }
}
