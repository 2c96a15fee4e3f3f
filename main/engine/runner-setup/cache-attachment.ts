import { randomBytes } from 'node:crypto'
import { MissedArchives, type ActionArchiveRef } from '../../../common/action-archives'
import { cacheKey } from '../../../common/cache-plan'
import { err, ok, type Result } from '../../../common/result'
import type { DockerContext } from '../docker/docker-call'
import { helperFailure, runHelper } from '../docker/docker-helper'
import type { DockerFailure } from '../docker/docker-port'
import { createVolume, listVolumes, removeVolume } from '../docker/docker-volumes'
import type { RunnerAttachments, RunnerSpecExtras } from '../pool/runner-attachments'
import { fillActionArchives } from './action-archive-fill'
import { LABELS } from '../pool/runner-labels'
import {
  ATTACH_SCRIPT,
  CACHE_MOUNT,
  HOOK_FILE,
  HOSTED_TOOL_CACHE,
  JOB_STARTED_HOOK,
  jobStartedHook,
  RELEASE_SCRIPT,
} from './cache-scripts'
import { CACHE_LABELS, cacheVolumeLabels, toolVolumeName, type CacheVolumes } from './cache-volumes'

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

/** How long a helper may take: seeding is quick, publishing copies a whole toolchain. */
const ATTACH_TIMEOUT_MS = 120_000
const PUBLISH_TIMEOUT_MS = 15 * 60_000

/** Where a runner's private tool cache is mounted. */
export function toolCachePath(workFolder: string | null): string {
  return workFolder === null ? HOSTED_TOOL_CACHE : `${workFolder.replace(/\/+$/, '')}/_tool`
}

/** The container spec additions of a runner with caches. */
export function cacheSpec(input: {
  readonly toolVolume: string
  readonly cacheVolume: string
  readonly toolCache: string
  readonly hook: boolean
}): RunnerSpecExtras {
  const { toolCache } = input
  return {
    extraBinds: [`${input.toolVolume}:${toolCache}`, `${input.cacheVolume}:${CACHE_MOUNT}:ro`],
    env: [
      `RUNNER_TOOL_CACHE=${toolCache}`,
      `AGENT_TOOLSDIRECTORY=${toolCache}`,
      `ACTIONS_RUNNER_ACTION_ARCHIVE_CACHE=${CACHE_MOUNT}/actions`,
      ...(input.hook ? [`${JOB_STARTED_HOOK}=${toolCache}/${HOOK_FILE}`] : []),
    ],
  }
}

/** The count a helper printed last (`linked 3`, `published 1`), or 0. */
export function countFrom(output: string, word: 'linked' | 'published' | 'stored'): number {
  const match = new RegExp(`^${word} (\\d+)\\s*$`, 'm').exec(output.trim().split('\n').at(-1) ?? '')
  return match ? Number(match[1]) : 0
}

/**
 * Caches that survive ephemeral runners, as a runner attachment (docs/caches.md): before the
 * container, a private tool-cache volume seeded from the target's cache volume (mounted
 * read-only); after it, the entries its job installed are published into that volume, first one
 * wins. A problem with the caches never stops a runner: it runs without them, and says why.
 */
export function cacheAttachment(options: CacheAttachmentOptions): RunnerAttachments {
  const { context, volumes, installationId } = options
  return {
    adoptable: true,
    workFolder: () => null,
    async attach({ name, target }) {
      const key = cacheKey(options.apiHost, target)
      const prepared = await prepare(options, name, key)
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
          const published = await publish(options, name, key, toolVolume, cacheVolume)
          if (published.ok && published.value > 0)
            options.log(name, `Published ${published.value} new tool-cache entries to ${key}.`)
          const stored = await storeMissed(name, key, cacheVolume, missed.missed())
          const grew = (published.ok && published.value > 0) || stored > 0
          const tidied = await tidy(options, grew)
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
          const done = await publish(options, runner, key, v.name, cacheVolume)
          if (done.ok) published += done.value
        } else await removeVolume(context, v.name)
      }
      const tidied = await tidy(options, published > 0)
      return tidied.ok ? ok(undefined) : err(`Caches: ${tidied.error}`)
    },
  }

  /** Fetches the public action archives a job missed into its target's current cache. */
  async function storeMissed(
    name: string,
    key: string,
    cacheVolume: string,
    archives: readonly ActionArchiveRef[],
  ): Promise<number> {
    if (archives.length === 0) return 0
    const current = await volumes.current(key)
    if (!current.ok || current.value !== cacheVolume) return 0
    const filled = await fillActionArchives({
      context,
      image: options.image,
      installationId,
      cacheVolume,
      archives,
      source: options.archiveSource,
      labels: helperLabels(installationId),
    })
    if (!filled.ok) {
      options.log(name, `Could not cache action archives: ${filled.error}`)
      return 0
    }
    const { stored, skipped } = filled.value
    if (stored > 0)
      options.log(
        name,
        `Cached ${stored} action ${stored === 1 ? 'archive' : 'archives'} for ${key}.`,
      )
    if (skipped.length > 0)
      options.log(
        name,
        `Not cached (only public actions are; the runner downloads the others each time): ${skipped.join('; ')}.`,
      )
    return stored
  }

  async function prepare(opts: CacheAttachmentOptions, name: string, key: string) {
    const cacheVolume = await volumes.current(key)
    if (!cacheVolume.ok) return err(cacheVolume.error.message)
    const toolVolume = toolVolumeName(name)
    const made = await createVolume(context, toolVolume, {
      [LABELS.installation]: installationId,
      [LABELS.runner]: name,
      [CACHE_LABELS.kind]: 'tools',
      [CACHE_LABELS.cache]: key,
      [CACHE_LABELS.cacheVolume]: cacheVolume.value,
    })
    if (!made.ok) return err(made.error.message)
    const toolCache = toolCachePath(opts.workFolder(name))
    const seeded = await runHelper(context, {
      image: opts.image,
      action: 'prepare the runner’s tool cache',
      mounts: [
        {
          volume: cacheVolume.value,
          target: '/cache',
          readOnly: false,
          labels: cacheVolumeLabels(installationId, key, generationOf(cacheVolume.value)),
        },
        { volume: toolVolume, target: '/tools', readOnly: false },
      ],
      script: ATTACH_SCRIPT,
      args: [`${CACHE_MOUNT}/tools`],
      env: [`HOOK=${jobStartedHook(toolCache)}`],
      timeoutMs: ATTACH_TIMEOUT_MS,
      labels: helperLabels(installationId),
    })
    const failed: DockerFailure | null = !seeded.ok
      ? seeded.error
      : seeded.value.exitCode !== 0
        ? helperFailure('prepare the runner’s tool cache', seeded.value)
        : null
    if (failed || !seeded.ok) {
      await removeVolume(context, toolVolume)
      return err(failed?.message ?? 'the tool cache could not be prepared')
    }
    const hook = !(await opts.imageHasHook())
    return ok({
      toolVolume,
      cacheVolume: cacheVolume.value,
      linked: countFrom(seeded.value.output, 'linked'),
      spec: cacheSpec({ toolVolume, cacheVolume: cacheVolume.value, toolCache, hook }),
    })
  }
}

/**
 * After a runner is gone: publishes what its job installed into its target's cache (unless that
 * cache was cleared meanwhile: what the job made goes with the cleared generation), then removes
 * the runner's private tool cache. Answers how many entries were published.
 */
async function publish(
  options: CacheAttachmentOptions,
  runner: string,
  key: string,
  toolVolume: string,
  cacheVolume: string,
): Promise<Result<number, string>> {
  const { context } = options
  const current = await options.volumes.current(key)
  let published = 0
  if (current.ok && current.value === cacheVolume) {
    const ran = await runHelper(context, {
      image: options.image,
      action: 'publish the runner’s new tool-cache entries',
      mounts: [
        { volume: toolVolume, target: '/tools', readOnly: true },
        { volume: cacheVolume, target: '/cache', readOnly: false },
      ],
      script: RELEASE_SCRIPT,
      args: [`${runner}-${randomBytes(4).toString('hex')}`],
      timeoutMs: PUBLISH_TIMEOUT_MS,
      labels: helperLabels(options.installationId),
    })
    if (!ran.ok) return err(ran.error.message)
    if (ran.value.exitCode !== 0)
      return err(helperFailure('publish the runner’s tool cache', ran.value).message)
    published = countFrom(ran.value.output, 'published')
  }
  const removed = await removeVolume(context, toolVolume)
  if (!removed.ok) return err(removed.error.message)
  return ok(published)
}

/** Removes retired generations nobody mounts, and keeps the cap when something was added. */
async function tidy(options: CacheAttachmentOptions, grew: boolean): Promise<Result<void, string>> {
  const retired = await options.volumes.removeRetired()
  if (!retired.ok) return err(retired.error.message)
  if (!grew) return ok(undefined)
  const capped = await options.volumes.enforceCap(options.limitBytes())
  return capped.ok ? ok(undefined) : err(capped.error.message)
}

/**
 * A helper container's labels: the installation's, so `doctor --fix` removes one a crash left (it
 * has no runner label, so recovery never takes it for a runner).
 */
function helperLabels(installationId: string): Record<string, string> {
  return { [LABELS.installation]: installationId, 'dev.runnerdock.probe': 'cache-helper' }
}

function generationOf(volume: string): string {
  return volume.slice(volume.lastIndexOf('-') + 1)
}
