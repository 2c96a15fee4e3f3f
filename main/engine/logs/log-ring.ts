import type { LogEntry } from '../../../common/log-entry'

// A line's share of memory: its text as UTF-16 plus the entry object and its fields.
const ENTRY_OVERHEAD_BYTES = 96

/** What one kept line costs in memory, roughly: enough to bound a store by bytes. */
export function entryBytes(entry: LogEntry): number {
  return ENTRY_OVERHEAD_BYTES + 2 * entry.text.length
}

/** A ring of lines bounded by count, that knows its size in bytes: O(1) append and drop. */
export class LogRing {
  private readonly items: (LogEntry | undefined)[] = []
  private start = 0
  private count = 0
  private byteCount = 0

  constructor(private readonly capacity: number) {}

  /** Adds a line, dropping the oldest when the ring is full. */
  push(entry: LogEntry): void {
    if (this.count === this.capacity) this.dropOldest()
    const at = (this.start + this.count) % this.capacity
    if (at === this.items.length) this.items.push(entry)
    else this.items[at] = entry
    this.count++
    this.byteCount += entryBytes(entry)
  }

  /** Drops the oldest line; false when the ring is empty. */
  dropOldest(): boolean {
    if (this.count === 0) return false
    const entry = this.items[this.start]!
    this.items[this.start] = undefined
    this.start = (this.start + 1) % this.capacity
    this.count--
    this.byteCount -= entryBytes(entry)
    return true
  }

  get size(): number {
    return this.count
  }

  get bytes(): number {
    return this.byteCount
  }

  first(): LogEntry | undefined {
    return this.count === 0 ? undefined : this.items[this.start]
  }

  last(): LogEntry | undefined {
    return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity]
  }

  toArray(): LogEntry[] {
    const out: LogEntry[] = new Array(this.count)
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.start + i) % this.capacity]!
    return out
  }
}
