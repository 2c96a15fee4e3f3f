// Pure decisions about the pool lock file: what it says, and whether the process it names still
// holds it. The file system and process lookups live in pool-lock.ts and process-identity.ts.

/**
 * Who holds the pool lock. A pid alone is not an identity: after a reboot (or a long uptime) the
 * same pid names another process. So the record also carries the process's start time and the
 * boot it started in, where the platform can tell them (see process-identity.ts).
 */
export interface LockRecord {
  readonly pid: number
  /** The machine's host name: a config folder on a shared disk is not judged from elsewhere. */
  readonly host: string | null
  /** Linux: /proc/<pid>/stat field 22 (clock ticks since boot); macOS: `ps -o lstart`. */
  readonly start: string | null
  /** Linux: /proc/sys/kernel/random/boot_id; macOS: sysctl kern.boottime. */
  readonly boot: string | null
  /** Names this lock instance: a takeover removes exactly the instance it judged stale. */
  readonly nonce: string
}

const NONCE = /^[a-f0-9]{16,64}$/

/** The lock file's text for a record. */
export function formatLockRecord(record: LockRecord): string {
  return `${JSON.stringify(record)}\n`
}

/**
 * Reads a lock file's text: a record, a bare pid (written by RunnerDock before records existed),
 * or null for anything else (an empty or damaged file, which no live holder would leave).
 */
export function parseLockRecord(text: string): LockRecord | null {
  const trimmed = text.trim()
  if (/^\d{1,10}$/.test(trimmed)) {
    const pid = Number(trimmed)
    return pid > 0 ? { pid, host: null, start: null, boot: null, nonce: `legacy${pid}` } : null
  }
  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    return null
  }
  if (json === null || typeof json !== 'object') return null
  const r = json as Record<string, unknown>
  const short = (v: unknown) => (typeof v === 'string' && v.length <= 200 ? v : null)
  if (!Number.isInteger(r.pid) || (r.pid as number) <= 0) return null
  if (typeof r.nonce !== 'string' || !NONCE.test(r.nonce)) return null
  return {
    pid: r.pid as number,
    host: short(r.host),
    start: short(r.start),
    boot: short(r.boot),
    nonce: r.nonce,
  }
}

/**
 * Reads field 22 (starttime, clock ticks after boot) of a /proc/<pid>/stat line. Field 2 is the
 * command name in parentheses and may itself hold spaces and ")", so fields are counted from the
 * last ")".
 */
export function startTimeFromStat(stat: string): string | null {
  const close = stat.lastIndexOf(')')
  if (close === -1) return null
  // After ")": field 3 (state) is the first, so field 22 is the 20th.
  const fields = stat
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  const start = fields[19]
  return start !== undefined && /^\d+$/.test(start) ? start : null
}

/** What is known now about the process a record names, from this machine. */
export interface HolderFacts {
  readonly host: string
  readonly boot: string | null
  /** Whether a process with the record's pid exists (`kill(pid, 0)`). */
  readonly alive: boolean
  /** The start time of the process that has the record's pid now, if known. */
  readonly start: string | null
  /** For a record without a start time: when the lock file was written, and the process started. */
  readonly writtenAtMs: number | null
  readonly startedAtMs: number | null
  /** This process, which may take over a lock it holds itself. */
  readonly self: { readonly pid: number; readonly start: string | null } | null
}

/** Whether a lock is held, with the reason in words (for messages and tests). */
export type HolderVerdict =
  | { readonly held: true; readonly reason: string }
  | { readonly held: false; readonly reason: string }

/**
 * Decides whether the process a lock record names still holds it. Sure answers only: a process
 * that cannot be told apart from the holder counts as the holder (the user is told which pid and
 * which file), since a wrong "stale" would run two pools on one installation.
 */
export function judgeHolder(record: LockRecord | null, facts: HolderFacts): HolderVerdict {
  if (record === null) return { held: false, reason: 'the lock file is empty or damaged' }
  if (record.host !== null && record.host !== facts.host)
    return { held: true, reason: `it was taken on ${record.host}` }
  if (record.boot !== null && facts.boot !== null && record.boot !== facts.boot)
    return { held: false, reason: 'the machine restarted since' }
  if (!facts.alive) return { held: false, reason: `process ${record.pid} is gone` }
  if (record.start !== null && facts.start !== null && record.start !== facts.start)
    return { held: false, reason: `pid ${record.pid} now belongs to another process` }
  if (
    record.start === null &&
    facts.writtenAtMs !== null &&
    facts.startedAtMs !== null &&
    facts.startedAtMs > facts.writtenAtMs + 1000
  )
    return { held: false, reason: `pid ${record.pid} started after the lock was written` }
  if (
    facts.self !== null &&
    record.pid === facts.self.pid &&
    (record.start === null || facts.self.start === null || record.start === facts.self.start)
  )
    return { held: false, reason: 'this process holds it' }
  return { held: true, reason: `process ${record.pid} is running` }
}
