import { createHash } from 'node:crypto'
import {
  currentCaches,
  keysToRenew,
  nextGeneration,
  planCapEviction,
  retiredCaches,
  volumesToClear,
  type CacheVolume,
} from '../../../common/cache-plan'
import { ok, type Result } from '../../../common/result'
import type { DockerContext } from '../docker/docker-call'
import type { DockerFailure } from '../docker/docker-port'
import { createVolume, listVolumes, removeVolume, volumeUsage } from '../docker/docker-volumes'
import { LABELS } from '../pool/runner-labels'

// One installation's cache volumes in Docker (docs/caches.md): each target's current generation,
// clearing without breaking a running job, and the size cap. The decisions are common/cache-plan.ts.

/** Labels on cache volumes and runners' private tool-cache volumes (besides the installation's). */
export const CACHE_LABELS = {
  /** What the volume is: `cache` (a target's) or `tools` (one runner's private tool cache). */
  kind: 'dev.runnerdock.volume',
  /** A cache volume's target (`cacheKey`). */
  cache: 'dev.runnerdock.cache',
  /** A cache volume's generation (`nextGeneration`): the newest of a target is its current one. */
  generation: 'dev.runnerdock.cache-generation',
  /** A private tool cache's target volume, where its entries are published. */
  cacheVolume: 'dev.runnerdock.cache-volume',
} as const

/** The name every cache volume of an installation starts with. */
export function cacheVolumePrefix(installationId: string): string {
  return `runnerdock-cache-${installationId}-`
}

/**
 * A cache volume's name: readable in `docker volume ls`, unique per target and generation. The
 * hash only keeps names short and safe; which target a volume serves is read from its label.
 */
export function cacheVolumeName(installationId: string, key: string, generation: string): string {
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12)
  return `${cacheVolumePrefix(installationId)}${hash}-${generation}`
}

/** A runner's private tool-cache volume (runner names are unique and carry the installation). */
export function toolVolumeName(runnerName: string): string {
  return `runnerdock-tools-${runnerName}`
}

/** The labels of a target's cache volume. */
export function cacheVolumeLabels(
  installationId: string,
  key: string,
  generation: string,
): Record<string, string> {
  return {
    [LABELS.installation]: installationId,
    [CACHE_LABELS.kind]: 'cache',
    [CACHE_LABELS.cache]: key,
    [CACHE_LABELS.generation]: generation,
  }
}

/** What a clear did: volumes removed, and those left to go once the runners using them end. */
export interface ClearOutcome {
  readonly removed: number
  readonly waiting: number
}

/** An installation's cache volumes, as the attachment, the engine and the CLI see them. */
export class CacheVolumes {
  private readonly ensuring = new Map<string, Promise<Result<string, DockerFailure>>>()
  private capping: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly context: DockerContext,
    private readonly installationId: string,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** Every cache volume of the installation; with `measure`, sizes and users from the engine. */
  async list(measure: boolean): Promise<Result<CacheVolume[], DockerFailure>> {
    const prefix = cacheVolumePrefix(this.installationId)
    const [labelled, named] = await Promise.all([
      listVolumes(this.context, {
        labels: { [LABELS.installation]: this.installationId, [CACHE_LABELS.kind]: 'cache' },
      }),
      listVolumes(this.context, { nameContains: prefix }),
    ])
    if (!labelled.ok) return labelled
    if (!named.ok) return named
    const usage = measure ? await volumeUsage(this.context) : null
    if (usage && !usage.ok) return usage
    const byName = new Map([...named.value, ...labelled.value].map((v) => [v.name, v]))
    const volumes: CacheVolume[] = []
    for (const v of byName.values()) {
      if (!v.name.startsWith(prefix)) continue
      const used = usage?.value.get(v.name)
      volumes.push({
        name: v.name,
        key: v.labels[CACHE_LABELS.cache] ?? null,
        generation: v.labels[CACHE_LABELS.generation] ?? v.name.slice(v.name.lastIndexOf('-') + 1),
        bytes: used?.bytes ?? null,
        inUse: used?.inUse ?? 0,
      })
    }
    return ok(volumes)
  }

  /** The current cache volume of a target, made when it has none yet (one at a time per target). */
  current(key: string): Promise<Result<string, DockerFailure>> {
    const running = this.ensuring.get(key)
    if (running) return running
    const made = this.findOrCreate(key).finally(() => this.ensuring.delete(key))
    this.ensuring.set(key, made)
    return made
  }

  private async findOrCreate(key: string): Promise<Result<string, DockerFailure>> {
    const found = await this.find(key)
    if (!found.ok) return found
    return found.value !== null ? ok(found.value) : this.create(key)
  }

  /** The current cache volume of a target, or null when it has none (nothing is made). */
  async find(key: string): Promise<Result<string | null, DockerFailure>> {
    const listed = await listVolumes(this.context, {
      labels: {
        [LABELS.installation]: this.installationId,
        [CACHE_LABELS.kind]: 'cache',
        [CACHE_LABELS.cache]: key,
      },
    })
    if (!listed.ok) return listed
    const found = currentCaches(
      listed.value.map((v) => ({
        name: v.name,
        key,
        generation: v.labels[CACHE_LABELS.generation] ?? '',
        bytes: null,
        inUse: 0,
      })),
    ).get(key)
    return ok(found?.name ?? null)
  }

  private async create(key: string): Promise<Result<string, DockerFailure>> {
    const generation = nextGeneration(this.now(), this.random())
    const name = cacheVolumeName(this.installationId, key, generation)
    const created = await createVolume(
      this.context,
      name,
      cacheVolumeLabels(this.installationId, key, generation),
    )
    return created.ok ? ok(name) : created
  }

  /**
   * Clears one target's caches, or all (null). A volume a runner mounts cannot go without
   * breaking its job, so it is left to go once that runner is gone; if it was the target's current
   * cache, a new empty generation takes its place, so no new runner starts with the old content.
   */
  async clear(key: string | null): Promise<Result<ClearOutcome, DockerFailure>> {
    const listed = await this.list(false)
    if (!listed.ok) return listed
    const chosen = volumesToClear(listed.value, key)
    const left = new Set<string>()
    for (const v of chosen) {
      const gone = await removeVolume(this.context, v.name)
      if (!gone.ok) return gone
      if (gone.value === 'in-use') left.add(v.name)
    }
    for (const k of keysToRenew(chosen, left)) {
      const made = await this.create(k)
      if (!made.ok) return made
    }
    return ok({ removed: chosen.length - left.size, waiting: left.size })
  }

  /** Removes older generations no runner mounts any more (cleared or evicted ones). */
  async removeRetired(): Promise<Result<number, DockerFailure>> {
    const listed = await this.list(false)
    if (!listed.ok) return listed
    let removed = 0
    for (const v of retiredCaches(listed.value)) {
      const gone = await removeVolume(this.context, v.name)
      if (!gone.ok) return gone
      if (gone.value === 'removed') removed++
    }
    return ok(removed)
  }

  /**
   * Keeps the current caches within `limitBytes`: the oldest are cleared until they fit. Runs one
   * at a time (every release may ask). Answers the targets cleared.
   */
  enforceCap(limitBytes: number): Promise<Result<string[], DockerFailure>> {
    const run = this.capping.then(async (): Promise<Result<string[], DockerFailure>> => {
      const listed = await this.list(true)
      if (!listed.ok) return listed
      const evict = planCapEviction(listed.value, limitBytes)
      for (const key of evict) {
        const cleared = await this.clear(key)
        if (!cleared.ok) return cleared
      }
      return ok(evict)
    })
    this.capping = run.catch(() => undefined)
    return run
  }
}
