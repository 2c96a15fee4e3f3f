import { err, ok, type Result } from './result'
import { formatTarget, parseTarget, type Target } from './target'

// Which cache volume a target's runners use, and which volumes go when caches are cleared or
// outgrow their cap (docs/caches.md). Pure: Docker's volume list and sizes come in as values.

/** One cache volume as Docker lists it, reduced to what the decisions need. */
export interface CacheVolume {
  readonly name: string
  /**
   * The target it belongs to (`cacheKey`), from its label; null when the label is missing (Docker
   * made the volume itself), and then it is never anyone's current cache.
   */
  readonly key: string | null
  /** Sorts in creation order: the newest of a key is its current cache. */
  readonly generation: string
  /** Bytes on disk, or null when Docker did not say. */
  readonly bytes: number | null
  /** Containers that mount it now (Docker refuses to remove it while any does). */
  readonly inUse: number
}

/**
 * The scope of a cache: one target on one GitHub host (`github.com/octo/app`, `ghe.example.com/acme`),
 * lower-cased as GitHub compares names. Runners of different keys never share a volume, so a job
 * can only ever poison its own target's cache.
 */
export function cacheKey(host: string, target: Target): string {
  return `${host}/${formatTarget(target)}`.toLowerCase()
}

/**
 * The cache key a user means: `OWNER/REPO` or `ORG` on `host` (the configured GitHub), or a key
 * as `cache list` prints it (`HOST/OWNER/REPO`, `HOST/ORG`: its first part has a dot or a port).
 */
export function cacheKeyOf(text: string, host: string): Result<string, string> {
  const value = text.trim()
  const [first, ...rest] = value.split('/')
  if (first !== undefined && /[.:]/.test(first) && rest.length > 0) {
    const target = parseTarget(rest.join('/'))
    if (target.ok) return ok(cacheKey(first, target.value))
  } else {
    const target = parseTarget(value)
    if (target.ok) return ok(cacheKey(host, target.value))
  }
  return err(
    `"${value.slice(0, 80)}" names no cache. Use OWNER/REPO or ORG, or a target as "runnerdock cache list" prints it.`,
  )
}

/**
 * A generation id that sorts by creation time (base 36 milliseconds, fixed width) and is unique
 * enough for two processes creating one in the same millisecond (`random` in [0, 1)).
 */
export function nextGeneration(now: number, random: number): string {
  const time = Math.max(0, Math.floor(now)).toString(36).padStart(10, '0')
  const suffix = Math.floor(random * 36 ** 4)
    .toString(36)
    .padStart(4, '0')
  return `${time}${suffix}`
}

/** The current cache of every key: its newest generation. */
export function currentCaches(volumes: readonly CacheVolume[]): Map<string, CacheVolume> {
  const current = new Map<string, CacheVolume>()
  for (const v of volumes) {
    if (v.key === null) continue
    const seen = current.get(v.key)
    if (!seen || v.generation > seen.generation) current.set(v.key, v)
  }
  return current
}

/** Volumes no runner may start with any more: older generations, and unlabelled ones. */
export function retiredCaches(volumes: readonly CacheVolume[]): CacheVolume[] {
  const current = new Set([...currentCaches(volumes).values()].map((v) => v.name))
  return volumes.filter((v) => !current.has(v.name))
}

/** The volumes a clear removes: one target's (by key), or every one with null (unlabelled too). */
export function volumesToClear(volumes: readonly CacheVolume[], key: string | null): CacheVolume[] {
  return volumes.filter((v) => key === null || v.key === key)
}

/**
 * After a clear, the targets that need a fresh empty generation: those whose current cache was
 * `left` because a runner still mounts it. The fresh one makes it retired, so new runners start
 * empty while the running ones keep theirs to the end of their job.
 */
export function keysToRenew(cleared: readonly CacheVolume[], left: ReadonlySet<string>): string[] {
  return [...currentCaches(cleared).values()]
    .filter((v) => left.has(v.name))
    .map((v) => v.key as string)
}

/**
 * The keys to clear so the caches fit the cap again: while the current caches together are over
 * it, the one started longest ago goes first, as a whole generation (a single entry cannot be taken
 * from under a job that may be using it). Retired volumes are not counted: they are on their way
 * out, gone as soon as the runners still using them end.
 */
export function planCapEviction(volumes: readonly CacheVolume[], limitBytes: number): string[] {
  const current = [...currentCaches(volumes).values()]
  let total = current.reduce((sum, v) => sum + (v.bytes ?? 0), 0)
  const evict: string[] = []
  const oldestFirst = current.sort((a, b) =>
    a.generation < b.generation ? -1 : a.generation > b.generation ? 1 : 0,
  )
  for (const v of oldestFirst) {
    if (total <= limitBytes) break
    evict.push(v.key as string)
    total -= v.bytes ?? 0
  }
  return evict
}
