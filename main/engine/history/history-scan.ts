import { createReadStream } from 'node:fs'
import type { JobRecord } from '../../../common/job-record'
import { decodeRecord, LineSplitter } from './history-lines'

/** What one pass over the history file found. */
export interface ScanResult {
  readonly exists: boolean
  readonly records: number
  /** Complete lines that were not valid records (damage, or a newer format): skipped. */
  readonly invalidLines: number
  /** Where the last complete line ends: a torn tail starts here. */
  readonly completeBytes: number
  /** Bytes after the last newline: a write cut short, or one in progress by another process. */
  readonly tailBytes: number
  readonly oldestAt: number | null
  readonly newestAt: number | null
}

/**
 * Streams the file once, handing each valid record to `onRecord` in file order (oldest first).
 * Memory stays flat however long the file is; a missing file is an empty history.
 */
export async function scanHistory(
  file: string,
  onRecord: (record: JobRecord) => void = () => {},
): Promise<ScanResult> {
  const splitter = new LineSplitter()
  let records = 0
  let invalidLines = 0
  let oldestAt: number | null = null
  let newestAt: number | null = null
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      for (const line of splitter.push(chunk as Buffer)) {
        const record = decodeRecord(line)
        if (!record) {
          if (line.length > 0) invalidLines++
          continue
        }
        records++
        oldestAt = oldestAt === null ? record.recordedAt : Math.min(oldestAt, record.recordedAt)
        newestAt = newestAt === null ? record.recordedAt : Math.max(newestAt, record.recordedAt)
        onRecord(record)
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return {
      exists: false,
      records: 0,
      invalidLines: 0,
      completeBytes: 0,
      tailBytes: 0,
      oldestAt: null,
      newestAt: null,
    }
  }
  return {
    exists: true,
    records,
    invalidLines,
    completeBytes: splitter.completeBytes,
    tailBytes: splitter.tailBytes,
    oldestAt,
    newestAt,
  }
}
