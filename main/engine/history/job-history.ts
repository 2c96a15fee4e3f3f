import { mkdir, open, readdir, rm, stat, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { systemClock, type Clock } from '../../../common/clock'
import { jobRecordSchema, type JobRecord } from '../../../common/job-record'
import { err, ok, type Result } from '../../../common/result'
import { syncDir, writeFileAtomic } from '../fs/write-file-atomic'
import { encodeLine } from './history-lines'
import { scanHistory } from './history-scan'
import {
  applyRetention,
  DEFAULT_RETENTION,
  needsCompaction,
  type RetentionPolicy,
} from './retention'

/** The file in the folder given to `openJobHistory`. */
export const JOB_HISTORY_FILE_NAME = 'job-history.jsonl'

/**
 * How a record reaches the disk before `append` resolves. `datasync` (the default) flushes the
 * data and the file size, which is all a reader needs; `fsync` also flushes timestamps; `none`
 * leaves it to the OS (benchmarks only: a power cut may lose the last seconds).
 */
export type FlushMode = 'datasync' | 'fsync' | 'none'

/** How to open the history. */
export interface JobHistoryOptions {
  readonly retention?: Partial<RetentionPolicy>
  readonly clock?: Clock
  /**
   * For readers in another process (`runnerdock jobs` while the engine runs): never creates,
   * repairs, compacts or appends, so it cannot disturb the writer.
   */
  readonly readOnly?: boolean
  readonly flush?: FlushMode
}

/** Which jobs `list` returns. */
export interface JobQuery {
  /** Only jobs recorded at or after this instant (epoch ms). */
  readonly since?: number
  /** At most this many, the newest. */
  readonly limit?: number
  /** Only this `owner/repo` (compared without regard to case, as GitHub does). */
  readonly repository?: string
}

/** What the history holds, for `runnerdock jobs --stats`, the metrics and a health line. */
export interface HistoryStats {
  readonly file: string
  readonly records: number
  readonly bytes: number
  readonly oldestAt: number | null
  readonly newestAt: number | null
  /** Complete lines that are not valid records: skipped by every read. */
  readonly invalidLines: number
  /** Bytes of a cut-short last line found on opening (removed unless read-only). */
  readonly tornBytesAtOpen: number
  readonly retention: RetentionPolicy
  /** The last background problem (a failed compaction), or null. */
  readonly problem: string | null
}

/** A history call that could not be done, with what to do about it. */
export interface HistoryFailure {
  readonly kind: 'read-only' | 'invalid' | 'io' | 'closed'
  readonly message: string
}

/** The finished jobs, kept across restarts and crashes. */
export interface JobHistory {
  /** Records one finished job; resolves once it is on disk (a crash after this loses nothing). */
  append(record: JobRecord): Promise<Result<void, HistoryFailure>>
  /** Matching jobs, newest first, streamed from the file. */
  list(query?: JobQuery): Promise<JobRecord[]>
  stats(): Promise<HistoryStats>
  /**
   * Applies the retention policy now (it also runs by itself as the file grows); a new policy
   * (the user changed it in Settings) replaces the current one first.
   */
  compact(retention?: RetentionPolicy): Promise<Result<void, HistoryFailure>>
  close(): Promise<void>
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message

// What to do about a failed write, in the user's words.
function ioAdvice(e: unknown): string {
  switch (code(e)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The disk is full: free some space.'
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'RunnerDock may not write there: check the folder’s owner and permissions.'
    default:
      return 'Check that the disk is healthy and the folder still exists.'
  }
}

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let done = 0
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, null)
    done += bytesWritten
  }
}

async function flush(handle: FileHandle, mode: FlushMode): Promise<void> {
  if (mode === 'datasync') await handle.datasync()
  else if (mode === 'fsync') await handle.sync()
}

// Temp files of a compaction that a crash interrupted (writeFileAtomic's `<file>.<pid>.<hex>.tmp`).
async function removeStaleTemps(dir: string, base: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  await Promise.all(
    names
      .filter((n) => n.startsWith(`${base}.`) && n.endsWith('.tmp'))
      .map((n) => rm(path.join(dir, n), { force: true })),
  )
}

// Cuts a torn last line off so the next append starts on a line of its own.
async function truncateTo(file: string, size: number): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    await handle.truncate(size)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Opens (creating if needed) the job history in `dir`: an append-only JSON-lines file, one record
 * per line, each appended with one write on an `O_APPEND` descriptor and flushed before `append`
 * resolves. A torn last line is cut off, leftovers of an interrupted compaction removed, and the
 * retention policy applied. Failing to open is a value: the engine runs on without history.
 */
export async function openJobHistory(
  dir: string,
  options: JobHistoryOptions = {},
): Promise<Result<JobHistory, HistoryFailure>> {
  const file = path.join(dir, JOB_HISTORY_FILE_NAME)
  const retention = { ...DEFAULT_RETENTION, ...options.retention }
  const clock = options.clock ?? systemClock
  if (options.readOnly) return ok(new ReadOnlyHistory(file, retention))
  try {
    await mkdir(dir, { recursive: true })
    await removeStaleTemps(dir, JOB_HISTORY_FILE_NAME)
    const scan = await scanHistory(file)
    if (scan.tailBytes > 0) await truncateTo(file, scan.completeBytes)
    const handle = await open(file, 'a', 0o600)
    if (!scan.exists) await syncDir(dir)
    const history = new AppendHistory(file, handle, retention, clock, options.flush ?? 'datasync', {
      bytes: scan.completeBytes,
      records: scan.records,
      oldestAt: scan.oldestAt,
      tornBytesAtOpen: scan.tailBytes,
    })
    if (needsCompaction(scan, retention, clock.now())) await history.compact()
    return ok(history)
  } catch (e) {
    return err({
      kind: 'io',
      message: `Job history is off: ${file} cannot be opened (${code(e)}). ${ioAdvice(e)}`,
    })
  }
}

// Reads shared by both kinds: stream the file, keep the newest `limit` matches.
async function listFrom(file: string, query: JobQuery): Promise<JobRecord[]> {
  const limit = query.limit ?? Infinity
  if (limit <= 0) return []
  const repository = query.repository?.toLowerCase()
  const kept: JobRecord[] = []
  await scanHistory(file, (record) => {
    if (query.since !== undefined && record.recordedAt < query.since) return
    if (repository !== undefined && record.repository?.toLowerCase() !== repository) return
    kept.push(record)
    // Bounded memory: drop the oldest half-window at once rather than shifting on every record.
    if (kept.length >= 2 * limit) kept.splice(0, kept.length - limit)
  })
  return kept.slice(Math.max(0, kept.length - limit)).reverse()
}

async function statsOf(
  file: string,
  retention: RetentionPolicy,
  extra: { tornBytesAtOpen: number; problem: string | null },
): Promise<HistoryStats> {
  const scan = await scanHistory(file)
  const bytes = scan.exists ? (await stat(file).catch(() => ({ size: 0 }))).size : 0
  return {
    file,
    records: scan.records,
    bytes,
    oldestAt: scan.oldestAt,
    newestAt: scan.newestAt,
    invalidLines: scan.invalidLines,
    retention,
    ...extra,
  }
}

class ReadOnlyHistory implements JobHistory {
  constructor(
    private readonly file: string,
    private readonly retention: RetentionPolicy,
  ) {}

  async append(): Promise<Result<void, HistoryFailure>> {
    return err({ kind: 'read-only', message: 'This job history was opened for reading only.' })
  }

  list(query: JobQuery = {}): Promise<JobRecord[]> {
    return listFrom(this.file, query)
  }

  stats(): Promise<HistoryStats> {
    return statsOf(this.file, this.retention, { tornBytesAtOpen: 0, problem: null })
  }

  async compact(): Promise<Result<void, HistoryFailure>> {
    return this.append()
  }

  async close(): Promise<void> {}
}

class AppendHistory implements JobHistory {
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private problem: string | null = null
  private bytes: number
  private records: number
  private oldestAt: number | null
  private readonly tornBytesAtOpen: number

  constructor(
    private readonly file: string,
    private handle: FileHandle | null,
    private retention: RetentionPolicy,
    private readonly clock: Clock,
    private readonly flushMode: FlushMode,
    opened: { bytes: number; records: number; oldestAt: number | null; tornBytesAtOpen: number },
  ) {
    this.bytes = opened.bytes
    this.records = opened.records
    this.oldestAt = opened.oldestAt
    this.tornBytesAtOpen = opened.tornBytesAtOpen
  }

  // Appends and compactions run one at a time: a compaction swaps the file under the descriptor.
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn)
    this.queue = next.catch(() => {})
    return next
  }

  append(record: JobRecord): Promise<Result<void, HistoryFailure>> {
    const parsed = jobRecordSchema.safeParse(record)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return Promise.resolve(
        err({
          kind: 'invalid',
          message: `Job "${record.job}" was not recorded: ${issue?.path.join('.') ?? 'record'} ${issue?.message ?? 'is malformed'}.`,
        }),
      )
    }
    return this.serial(async () => {
      if (this.closed) return err({ kind: 'closed', message: 'The job history is closed.' })
      const line = Buffer.from(encodeLine(parsed.data), 'utf8')
      let handle: FileHandle | null = null
      try {
        if (this.handle && (await this.replaced(this.handle))) {
          await this.handle.close().catch(() => {})
          this.handle = null
        }
        handle = this.handle ??= await open(this.file, 'a', 0o600)
        await writeAll(handle, line)
        await flush(handle, this.flushMode)
      } catch (e) {
        // A partial line would glue itself to the next record: cut the file back to where it was.
        await handle?.truncate(this.bytes).catch(() => {})
        return err({
          kind: 'io',
          message: `Job "${record.job}" was not recorded in ${this.file} (${code(e)}). ${ioAdvice(e)}`,
        })
      }
      this.bytes += line.length
      this.records++
      this.oldestAt = Math.min(this.oldestAt ?? record.recordedAt, record.recordedAt)
      const summary = { records: this.records, oldestAt: this.oldestAt }
      if (needsCompaction(summary, this.retention, this.clock.now())) await this.compactNow()
      return ok(undefined)
    })
  }

  // Whether the file was replaced or removed under our descriptor (another writer compacted it,
  // or a person deleted it): appending to the old inode would lose the record.
  private async replaced(handle: FileHandle): Promise<boolean> {
    const [mine, current] = await Promise.all([handle.stat(), stat(this.file).catch(() => null)])
    return current === null || mine.ino !== current.ino || mine.dev !== current.dev
  }

  list(query: JobQuery = {}): Promise<JobRecord[]> {
    return listFrom(this.file, query)
  }

  stats(): Promise<HistoryStats> {
    return statsOf(this.file, this.retention, {
      tornBytesAtOpen: this.tornBytesAtOpen,
      problem: this.problem,
    })
  }

  compact(retention?: RetentionPolicy): Promise<Result<void, HistoryFailure>> {
    return this.serial(() => {
      if (retention) this.retention = retention
      return this.compactNow()
    })
  }

  // Rewrites the file with only what the policy keeps: temp file, flush, rename, flush the folder
  // (writeFileAtomic), so a crash leaves the old file or the new one, never a mix.
  private async compactNow(): Promise<Result<void, HistoryFailure>> {
    if (this.closed) return err({ kind: 'closed', message: 'The job history is closed.' })
    try {
      const all: JobRecord[] = []
      await scanHistory(this.file, (r) => all.push(r))
      const kept = applyRetention(all, this.retention, this.clock.now())
      const text = kept.map(encodeLine).join('')
      await writeFileAtomic(this.file, text)
      // The old descriptor now points at the replaced file: appends must not go there. If the
      // new file cannot be opened now, the next append opens it.
      const previous = this.handle
      this.handle = null
      await previous?.close().catch(() => {})
      this.bytes = Buffer.byteLength(text)
      this.records = kept.length
      this.oldestAt = kept.reduce<number | null>(
        (m, r) => Math.min(m ?? r.recordedAt, r.recordedAt),
        null,
      )
      this.handle = await open(this.file, 'a', 0o600)
      this.problem = null
      return ok(undefined)
    } catch (e) {
      this.problem = `Old jobs could not be removed from ${this.file} (${code(e)}). ${ioAdvice(e)}`
      return err({ kind: 'io', message: this.problem })
    }
  }

  close(): Promise<void> {
    return this.serial(async () => {
      if (this.closed) return
      this.closed = true
      await this.handle?.close()
    })
  }
}
