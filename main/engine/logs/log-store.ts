import type { LogEntry, LogSource } from '../../../common/log-entry'
import type { Redactor } from '../../../common/redact'
import { classifyStdoutLine, NO_TRACE_MEMORY, type TraceMemory } from '../../../common/runner-trace'
import { redactAndCut } from './line-cut'
import { LogRing } from './log-ring'

/** Limits that keep memory bounded however much a job prints. */
export interface LogStoreLimits {
  readonly maxLinesPerRunner: number
  readonly maxFinishedRunners: number
  /** Longest line kept; longer lines are cut (a minified bundle echoed by a job...). */
  readonly maxLineLength: number
  /** Memory one runner's lines may use (see `entryBytes`); its oldest lines go first. */
  readonly maxBytesPerRunner: number
  /** Memory all runners' lines may use: finished runners go first, then the largest log's oldest lines. */
  readonly maxTotalBytes: number
}

const DEFAULT_LIMITS: LogStoreLimits = {
  maxLinesPerRunner: 20_000,
  maxFinishedRunners: 30,
  maxLineLength: 16_384,
  maxBytesPerRunner: 8 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
}

type Listener = (entries: readonly LogEntry[]) => void

/**
 * Per-runner bounded log buffers with live subscription. Lines are redacted on the way in (before
 * any cut, see `redactAndCut`), so no reader (CLI, dashboard, a saved file) can see a token or JIT
 * config. Memory is bounded by lines and bytes, per runner and in total. Subscribers get batches,
 * once per event-loop turn, which keeps high line rates cheap to deliver.
 */
export class LogStore {
  private readonly rings = new Map<
    string,
    { ring: LogRing; finished: boolean; trace: TraceMemory }
  >()
  private totalBytes = 0
  private readonly finishedOrder: string[] = []
  private readonly listeners = new Map<Listener, string | null>()
  private pending: LogEntry[] = []
  private flushScheduled = false
  private seq = 0
  private readonly limits: LogStoreLimits

  constructor(
    private readonly redact: Redactor,
    limits: Partial<LogStoreLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
  }

  /**
   * Adds one line to a runner's log and schedules delivery to subscribers. A container's stdout
   * line that belongs to the runner's diagnostic trace is kept as `trace` (classifyStdoutLine), so
   * every reader can dim or hide it.
   */
  append(runner: string, stream: LogEntry['stream'], time: number, text: string): void {
    let slot = this.rings.get(runner)
    if (!slot) {
      slot = {
        ring: new LogRing(this.limits.maxLinesPerRunner),
        finished: false,
        trace: NO_TRACE_MEMORY,
      }
      this.rings.set(runner, slot)
    }
    let kind = stream
    if (stream === 'stdout') {
      const classified = classifyStdoutLine(text, slot.trace)
      slot.trace = classified.memory
      if (classified.trace) kind = 'trace'
    }
    const kept = redactAndCut(text, this.redact, this.limits.maxLineLength)
    const entry: LogEntry = { seq: ++this.seq, runner, stream: kind, time, text: kept }
    const ring = slot.ring
    this.totalBytes -= ring.bytes
    ring.push(entry)
    while (ring.bytes > this.limits.maxBytesPerRunner && ring.size > 1) ring.dropOldest()
    this.totalBytes += ring.bytes
    if (this.totalBytes > this.limits.maxTotalBytes) this.shrinkToTotal()
    if (this.listeners.size === 0) return
    this.pending.push(entry)
    if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => this.flush())
    }
  }

  /** Marks a runner's log finished: it stays readable until enough newer runners finish. */
  finish(runner: string): void {
    const slot = this.rings.get(runner)
    if (!slot || slot.finished) return
    slot.finished = true
    this.finishedOrder.push(runner)
    while (this.finishedOrder.length > this.limits.maxFinishedRunners) this.forgetOldestFinished()
  }

  /** Memory the kept lines use, as `entryBytes` counts it. */
  get bytes(): number {
    return this.totalBytes
  }

  private forgetOldestFinished(): void {
    const runner = this.finishedOrder.shift()
    if (runner === undefined) return
    this.totalBytes -= this.rings.get(runner)?.ring.bytes ?? 0
    this.rings.delete(runner)
  }

  // Over the total: finished runners' logs go first (oldest first), then the oldest lines of the
  // largest live log, so one noisy runner cannot push every other runner's log out.
  private shrinkToTotal(): void {
    while (this.totalBytes > this.limits.maxTotalBytes && this.finishedOrder.length > 0)
      this.forgetOldestFinished()
    while (this.totalBytes > this.limits.maxTotalBytes) {
      let largest: LogRing | null = null
      for (const { ring } of this.rings.values())
        if (ring.size > 1 && (largest === null || ring.bytes > largest.bytes)) largest = ring
      if (largest === null) return
      const before = largest.bytes
      largest.dropOldest()
      this.totalBytes -= before - largest.bytes
    }
  }

  /** The lines kept for one runner (or all runners, in order), optionally only after `afterSeq`. */
  read(runner: string | null, options: { afterSeq?: number; limit?: number } = {}): LogEntry[] {
    const after = options.afterSeq ?? 0
    let lines: LogEntry[]
    if (runner !== null) lines = this.rings.get(runner)?.ring.toArray() ?? []
    else
      lines = [...this.rings.values()]
        .flatMap((s) => s.ring.toArray())
        .sort((a, b) => a.seq - b.seq)
    if (after > 0) lines = lines.filter((l) => l.seq > after)
    const limit = options.limit
    return limit !== undefined && lines.length > limit ? lines.slice(lines.length - limit) : lines
  }

  /** The logs that can be read now, live runners first. */
  sources(): LogSource[] {
    return [...this.rings.entries()]
      .map(([runner, s]) => ({
        runner,
        finished: s.finished,
        lines: s.ring.size,
        firstSeq: s.ring.first()?.seq ?? null,
        lastSeq: s.ring.last()?.seq ?? null,
      }))
      .sort(
        (a, b) => Number(a.finished) - Number(b.finished) || (b.lastSeq ?? 0) - (a.lastSeq ?? 0),
      )
  }

  /** Follows new lines of one runner (or all with null). Returns the unsubscribe function. */
  subscribe(runner: string | null, listener: Listener): () => void {
    this.listeners.set(listener, runner)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private flush(): void {
    this.flushScheduled = false
    const batch = this.pending
    this.pending = []
    for (const [listener, runner] of this.listeners) {
      const mine = runner === null ? batch : batch.filter((e) => e.runner === runner)
      if (mine.length > 0) listener(mine)
    }
  }
}
