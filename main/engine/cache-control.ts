import { cacheKeyOf, currentCaches } from '../../common/cache-plan'
import { describeClear, type CacheClear, type CacheList } from '../../common/cache-status'
import { err, ok, type Result } from '../../common/result'
import { BYTES_PER_GB, type Settings } from '../../common/settings'
import { parseApiUrl } from '../../common/target'
import type { EngineServices } from './engine-deps'
import { jobDockerDaemon } from './docker/job-resources'
import { CacheVolumes } from './runner-setup/cache-volumes'

/** The settings the caches' list and clear read. */
type CacheSettings = Pick<Settings, 'apiUrl' | 'caches' | 'cacheLimitGb' | 'installationId'>

/**
 * Lists and clears the caches of this installation for the engine and the CLI: straight on
 * Docker, so it works whether or not a pool runs, and from another process while one does (a
 * cache in use is retired rather than removed: see CacheVolumes.clear).
 */
export class CacheControl {
  constructor(
    private readonly docker: EngineServices['docker'],
    private readonly settings: () => CacheSettings,
    /** Told each target's size whenever they are measured (the metrics gauge). */
    private readonly measured: (sizes: ReadonlyMap<string, number>) => void = () => {},
  ) {}

  private async volumes(): Promise<Result<CacheVolumes, string>> {
    const id = this.settings().installationId
    if (!id) return err('This installation has no id yet, so it has no caches.')
    const docker = await this.docker()
    if (!docker.ok) return err(docker.error.message)
    if (!docker.value.connection) return err('The caches live in Docker, which cannot be reached.')
    return ok(new CacheVolumes(jobDockerDaemon(docker.value.connection).context, id))
  }

  /** Every cache with its size, and the cap. */
  async list(): Promise<({ ok: true } & CacheList) | { ok: false; message: string }> {
    const s = this.settings()
    const volumes = await this.volumes()
    if (!volumes.ok) return { ok: false, message: volumes.error }
    const listed = await volumes.value.list(true)
    if (!listed.ok) return { ok: false, message: listed.error.message }
    const current = new Set([...currentCaches(listed.value).values()].map((v) => v.name))
    const caches = listed.value
      .map((v) => ({ key: v.key, bytes: v.bytes, inUse: v.inUse, retired: !current.has(v.name) }))
      .sort(
        (a, b) =>
          (a.key ?? '~').localeCompare(b.key ?? '~') || Number(a.retired) - Number(b.retired),
      )
    const sizes = new Map<string, number>()
    for (const c of caches) if (!c.retired && c.key) sizes.set(c.key, c.bytes ?? 0)
    this.measured(sizes)
    return {
      ok: true,
      enabled: s.caches,
      limitBytes: s.cacheLimitGb * BYTES_PER_GB,
      totalBytes: [...sizes.values()].reduce((a, b) => a + b, 0),
      caches,
    }
  }

  /** Clears one target's caches (as a user names it), or every one. */
  async clear(
    target?: string,
  ): Promise<({ ok: true } & CacheClear) | { ok: false; message: string }> {
    const s = this.settings()
    let key: string | null = null
    if (target !== undefined) {
      const api = parseApiUrl(s.apiUrl)
      const resolved = cacheKeyOf(target, api.ok ? api.value.host : 'github.com')
      if (!resolved.ok) return { ok: false, message: resolved.error }
      key = resolved.value
    }
    const volumes = await this.volumes()
    if (!volumes.ok) return { ok: false, message: volumes.error }
    const cleared = await volumes.value.clear(key)
    if (!cleared.ok) return { ok: false, message: cleared.error.message }
    const { removed, waiting } = cleared.value
    return {
      ok: true,
      removed,
      waiting,
      message: describeClear(removed, waiting, key ?? 'every target'),
    }
  }

  /** Applies the cap now (after it was lowered); what it cleared, or why it could not. */
  async enforceCap(): Promise<Result<string[], string>> {
    const volumes = await this.volumes()
    if (!volumes.ok) return volumes
    const capped = await volumes.value.enforceCap(this.settings().cacheLimitGb * BYTES_PER_GB)
    return capped.ok ? capped : err(capped.error.message)
  }
}
