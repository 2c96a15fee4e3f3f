import { randomBytes } from 'node:crypto'
import type { ActionArchiveRef } from '../../../common/action-archives'
import { err, ok, type Result } from '../../../common/result'
import { helperFailure, runHelper } from '../docker/docker-helper'
import type { DockerFailure } from '../docker/docker-port'
import { createVolume, removeVolume } from '../docker/docker-volumes'
import type { RunnerSpecExtras } from '../pool/runner-attachments'
import { helperLabels, LABELS } from '../pool/runner-labels'
import { fillActionArchives } from './action-archive-fill'
import type { CacheAttachmentOptions } from './cache-attachment'
import { ATTACH_SCRIPT, CACHE_MOUNT, jobStartedHook, RELEASE_SCRIPT } from './cache-scripts'
import { cacheSpec, countFrom, toolCachePath } from './cache-spec'
import { CACHE_LABELS, cacheVolumeLabels, toolVolumeName } from './cache-volumes'

// The steps of a runner's caches, each one helper container (docs/caches.md): prepare its private
// tool cache before the container, publish what its job installed and store the action archives
// it missed after it, and keep the volumes tidy. The attachment sequences them.

/** How long a helper may take: seeding is quick, publishing copies a whole toolchain. */
const ATTACH_TIMEOUT_MS = 120_000
const PUBLISH_TIMEOUT_MS = 15 * 60_000

/** A runner's caches, ready for its container. */
export interface PreparedCaches {
  readonly toolVolume: string
  readonly cacheVolume: string
  /** Published entries linked into its private tool cache. */
  readonly linked: number
  readonly spec: RunnerSpecExtras
}

/**
 * Before the container: the target's current cache volume (made if it has none), and the
 * runner's private tool-cache volume, seeded from it by a helper; a failure leaves nothing.
 */
export async function prepareToolCache(
  options: CacheAttachmentOptions,
  name: string,
  key: string,
): Promise<Result<PreparedCaches, string>> {
  const { context, installationId } = options
  const cacheVolume = await options.volumes.current(key)
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
  const toolCache = toolCachePath(options.workFolder(name))
  const generation = cacheVolume.value.slice(cacheVolume.value.lastIndexOf('-') + 1)
  const seeded = await runHelper(context, {
    image: options.image,
    action: 'prepare the runner’s tool cache',
    mounts: [
      {
        volume: cacheVolume.value,
        target: '/cache',
        readOnly: false,
        labels: cacheVolumeLabels(installationId, key, generation),
      },
      { volume: toolVolume, target: '/tools', readOnly: false },
    ],
    script: ATTACH_SCRIPT,
    args: [`${CACHE_MOUNT}/tools`],
    env: [`HOOK=${jobStartedHook(toolCache)}`],
    timeoutMs: ATTACH_TIMEOUT_MS,
    labels: helperLabelsFor(installationId),
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
  const hook = !(await options.imageHasHook())
  return ok({
    toolVolume,
    cacheVolume: cacheVolume.value,
    linked: countFrom(seeded.value.output, 'linked'),
    spec: cacheSpec({ toolVolume, cacheVolume: cacheVolume.value, toolCache, hook }),
  })
}

/**
 * After a runner is gone: publishes what its job installed into its target's cache (unless that
 * cache was cleared meanwhile: what the job made goes with the cleared generation), then removes
 * the runner's private tool cache. Answers how many entries were published.
 */
export async function publishToolCache(
  options: CacheAttachmentOptions,
  runner: string,
  key: string,
  toolVolume: string,
  cacheVolume: string,
): Promise<Result<number, string>> {
  const { context } = options
  const current = await options.volumes.find(key)
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
      labels: helperLabelsFor(options.installationId),
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

/**
 * After a runner is gone: fetches the public action archives its job missed into its target's
 * cache (unless that was cleared meanwhile), and says in the runner's log what was and was not
 * cached. Answers how many were stored.
 */
export async function storeMissedArchives(
  options: CacheAttachmentOptions,
  runner: string,
  key: string,
  cacheVolume: string,
  archives: readonly ActionArchiveRef[],
): Promise<number> {
  if (archives.length === 0) return 0
  const current = await options.volumes.find(key)
  if (!current.ok || current.value !== cacheVolume) return 0
  const filled = await fillActionArchives({
    context: options.context,
    image: options.image,
    installationId: options.installationId,
    cacheVolume,
    archives,
    source: options.archiveSource,
    labels: helperLabelsFor(options.installationId),
  })
  if (!filled.ok) {
    options.log(runner, `Could not cache action archives: ${filled.error}`)
    return 0
  }
  const { stored, skipped } = filled.value
  if (stored > 0)
    options.log(
      runner,
      `Cached ${stored} action ${stored === 1 ? 'archive' : 'archives'} for ${key}.`,
    )
  if (skipped.length > 0)
    options.log(
      runner,
      `Not cached (only public actions are; the runner downloads the others each time): ${skipped.join('; ')}.`,
    )
  return stored
}

/** Removes retired generations nobody mounts, and keeps the cap when something was added. */
export async function tidyCaches(
  options: CacheAttachmentOptions,
  grew: boolean,
): Promise<Result<void, string>> {
  const retired = await options.volumes.removeRetired()
  if (!retired.ok) return err(retired.error.message)
  if (!grew) return ok(undefined)
  const capped = await options.volumes.enforceCap(options.limitBytes())
  return capped.ok ? ok(undefined) : err(capped.error.message)
}

const helperLabelsFor = (installationId: string) => helperLabels(installationId, 'cache-helper')
