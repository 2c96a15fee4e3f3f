import { z } from 'zod'

/**
 * One target's cache as the dashboard and `runnerdock cache list` show it (docs/caches.md). A
 * retired one was cleared (or outgrew the cap) while a runner used it: it goes once that runner
 * is gone, and no new runner gets it.
 */
export const targetCacheSchema = z.object({
  /** `github.com/octo/app`, `ghe.example.com/acme`; null for a volume Docker made without labels. */
  key: z.string().nullable(),
  /** Bytes on disk; null when Docker did not measure it. */
  bytes: z.number().nullable(),
  /** Runners that mount it now. */
  inUse: z.number().int(),
  retired: z.boolean(),
})
/** A target's cache. */
export type TargetCache = z.infer<typeof targetCacheSchema>

/** Every cache of this installation, with the cap they share. */
export const cacheListSchema = z.object({
  /** The `caches` setting: off, runners get no caches (what is kept stays until cleared). */
  enabled: z.boolean(),
  limitBytes: z.number(),
  /** What counts against the cap: the current (not retired) caches together. */
  totalBytes: z.number(),
  caches: z.array(targetCacheSchema),
})
/** The caches' state. */
export type CacheList = z.infer<typeof cacheListSchema>

/** What `clearCaches` did. */
export const cacheClearSchema = z.object({
  /** Volumes removed at once. */
  removed: z.number().int(),
  /** Volumes a runner still mounts: retired now, removed once their runners are gone. */
  waiting: z.number().int(),
  /** One sentence for the user. */
  message: z.string(),
})
/** The outcome of a clear. */
export type CacheClear = z.infer<typeof cacheClearSchema>

/** Bytes as people read disk sizes (decimal units, one decimal below 10). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown size'
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}

/** The sentence a clear ends with, for the dashboard and the CLI alike. */
export function describeClear(removed: number, waiting: number, what: string): string {
  if (removed === 0 && waiting === 0) return `No cache to clear for ${what}.`
  const empty = 'new runners start with an empty cache.'
  if (removed === 0)
    return waiting === 1
      ? `The cache of ${what} is in use by a running runner: it goes when that runner ends, and ${empty}`
      : `The ${waiting} caches of ${what} are in use by running runners: they go when those runners end, and ${empty}`
  const gone = `Cleared ${removed} cache ${removed === 1 ? 'volume' : 'volumes'} of ${what}.`
  if (waiting === 0) return gone
  return waiting === 1
    ? `${gone} 1 more is in use by a running runner: it goes when that runner ends, and ${empty}`
    : `${gone} ${waiting} more are in use by running runners: they go when those runners end, and ${empty}`
}
