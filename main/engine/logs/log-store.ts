import type { LogEntry, LogSource } from '../../../common/log-entry'
import type { Redactor } from '../../../common/redact'

/** Limits that keep memory bounded however much a job prints. */
export interface LogStoreLimits {
  readonly maxLinesPerRunner: number
  readonly maxFinishedRunners: number
  /** Longest line kept; longer lines are cut (a minified bundle echoed by a job...). */
  readonly maxLineLength: number
}

const DEFAULT_LIMITS: LogStoreLimits = {
  maxLinesPerRunner: 20_000,
  maxFinishedRunners: 30,
  maxLineLength: 16_384,
}

/** A fixed-size ring of lines: O(1) append, oldest dropped first. */
class Ring {
  private readonly items: LogEntry[] = []
  private start = 0
  constructor(private readonly capacity: number) {}

  push(entry: LogEntry): void {
    if (this.items.length < this.capacity) this.items.push(entry)
    else {
      this.items[this.start] = entry
      this.start = (this.start + 1) % this.capacity
    }
  }

  get size(): number {
    return this.items.length
  }

  first(): LogEntry | undefined {
    return this.items[this.start % Math.max(1, this.items.length)]
  }

  last(): LogEntry | undefined {
    return this.items[(this.start + this.items.length - 1) % Math.max(1, this.items.length)]
  }

  toArray(): LogEntry[] {
    return this.start === 0
      ? this.items.slice()
      : [...this.items.slice(this.start), ...this.items.slice(0, this.start)]
  }
}

type Listener = (entries: readonly LogEntry[]) => void

/**
 * Per-runner bounded log buffers with live subscription. Lines are redacted on the way in, so no
 * reader (CLI, dashboard, a saved file) can see a token or JIT config. Subscribers get batches,
 * once per event-loop turn, which keeps high line rates cheap to deliver.
 */
export class LogStore {
  private readonly rings = new Map<string, { ring: Ring; finished: boolean }>()
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

  /** Adds one line to a runner's log and schedules delivery to subscribers. */
  append(runner: string, stream: LogEntry['stream'], time: number, text: string): void {
    let slot = this.rings.get(runner)
    if (!slot) {
      slot = { ring: new Ring(this.limits.maxLinesPerRunner), finished: false }
      this.rings.set(runner, slot)
    }
    const clipped =
      text.length > this.limits.maxLineLength
        ? `${text.slice(0, this.limits.maxLineLength)}… [line cut]`
        : text
    const entry: LogEntry = { seq: ++this.seq, runner, stream, time, text: this.redact(clipped) }
    slot.ring.push(entry)
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
    while (this.finishedOrder.length > this.limits.maxFinishedRunners) {
      this.rings.delete(this.finishedOrder.shift()!)
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
