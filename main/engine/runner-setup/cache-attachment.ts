import { MissedArchives, type ActionArchiveRef } from '../../../common/action-archives'
import { cacheKey } from '../../../common/cache-plan'
import { err, ok } from '../../../common/result'
import type { DockerContext } from '../docker/docker-call'
import { listVolumes, removeVolume } from '../docker/docker-volumes'
import type { RunnerAttachments } from '../pool/runner-attachments'
import { LABELS } from '../pool/runner-labels'
import {
  prepareToolCache,
  publishToolCache,
  storeMissedArchives,
  tidyCaches,
} from './cache-helpers'
import { CACHE_LABELS, type CacheVolumes } from './cache-volumes'

/** What the caches need of the pool. */
export interface CacheAttachmentOptions {
  readonly installationId: string
  /** The GitHub host runners register on (`parseApiUrl(...).host`): part of each cache's scope. */
  readonly apiHost: string
  /** The runner image, present once runners are made: it runs the helpers that fill the volumes. */
  readonly image: string
  readonly context: DockerContext
  readonly volumes: CacheVolumes
  /**
   * A runner's host work folder when it has one (Docker for jobs), else null. Its tool cache then
   * sits at `<work>/_tool`, the runner's own default, which the job proxy lets `container:` jobs
   * mount (they see it empty and install cold); elsewhere it is /opt/hostedtoolcache.
   */
  readonly workFolder: (name: string) => string | null
  /** The size cap in bytes, read when it is applied (a change needs no restart). */
  readonly limitBytes: () => number
  /** Whether the image sets its own ACTIONS_RUNNER_HOOK_JOB_STARTED (RunnerDock's then stays out). */
  readonly imageHasHook: () => Promise<boolean>
  /** Tells a runner's log what its caches did. */
  readonly log: (runner: string, message: string) => void
  /**
   * Follows a runner's output lines from its attach to its release (the worker's trace names the
   * action archives a job missed); absent, the action archive cache is only read, never filled.
   */
  readonly watchLines?: (runner: string, onLine: (text: string) => void) => () => void
  /** Where an action archive is downloaded from (GitHub's tarball of it). */
  readonly archiveSource: (archive: ActionArchiveRef) => string
}

/**
 * Caches that survive ephemeral runners, as a runner attachment (docs/caches.md): before the
 * container, a private tool-cache volume seeded from the target's cache volume (mounted
 * read-only); after it, the entries its job installed are published into that volume, first one
 * wins. A problem with the caches never stops a runner: it runs without them, and says why.
 */
export function cacheAttachment(options: CacheAttachmentOptions): RunnerAttachments {
  const { context, installationId } = options
  return {
    adoptable: true,
    workFolder: () => null,
    async attach({ name, target }) {
      const key = cacheKey(options.apiHost, target)
      const prepared = await prepareToolCache(options, name, key)
      if (!prepared.ok) {
        options.log(name, `Runs without caches: ${prepared.error}`)
        return ok({ spec: {}, release: async () => ok(undefined) })
      }
      const { toolVolume, cacheVolume, spec, linked } = prepared.value
      options.log(
        name,
        `Caches of ${key}: ${linked} tool-cache ${linked === 1 ? 'entry' : 'entries'} ready, action archives read-only.`,
      )
      const missed = new MissedArchives()
      const stopWatching = options.watchLines?.(name, (line) => missed.read(line))
      return ok({
        spec,
        release: async () => {
          stopWatching?.()
          const published = await publishToolCache(options, name, key, toolVolume, cacheVolume)
          if (published.ok && published.value > 0)
            options.log(name, `Published ${published.value} new tool-cache entries to ${key}.`)
          const stored = await storeMissedArchives(options, name, key, cacheVolume, missed.missed())
          const grew = (published.ok && published.value > 0) || stored > 0
          const tidied = await tidyCaches(options, grew)
          const problem = !published.ok ? published.error : !tidied.ok ? tidied.error : null
          return problem === null ? ok(undefined) : err(`Caches: ${problem}`)
        },
      })
    },
    async sweep(live) {
      const listed = await listVolumes(context, {
        labels: { [LABELS.installation]: installationId, [CACHE_LABELS.kind]: 'tools' },
      })
      if (!listed.ok) return err(`Caches: ${listed.error.message}`)
      let published = 0
      for (const v of listed.value) {
        const runner = v.labels[LABELS.runner]
        if (!runner || live.has(runner)) continue
        const key = v.labels[CACHE_LABELS.cache]
        const cacheVolume = v.labels[CACHE_LABELS.cacheVolume]
        if (key && cacheVolume) {
          const done = await publishToolCache(options, runner, key, v.name, cacheVolume)
          if (done.ok) published += done.value
        } else await removeVolume(context, v.name)
      }
      const tidied = await tidyCaches(options, published > 0)
      return tidied.ok ? ok(undefined) : err(`Caches: ${tidied.error}`)
    },
  }
}
