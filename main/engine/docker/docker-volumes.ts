import type Dockerode from 'dockerode'
import { err, ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import { httpStatus } from './docker-errors'
import { labelFilters } from './docker-events'
import type { DockerFailure } from './docker-port'

// Named volumes, for the caches that outlive runners (docs/caches.md): list, create, remove, and
// their sizes. Thin: it translates to the Engine API and decides nothing.

/** A volume as listed: its name and labels. */
export interface VolumeInfo {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
}

/** What `GET /system/df` says of one volume. */
export interface VolumeUsage {
  /** Bytes on disk; null when the engine did not compute it (-1, or a driver that cannot). */
  readonly bytes: number | null
  /** Containers that mount it, running or not; null when the engine did not say. */
  readonly inUse: number | null
}

// moby volume/local: names are [a-zA-Z0-9][a-zA-Z0-9_.-]+.
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

/** Whether a string can name a local volume, checked before it goes into a request path. */
export function isVolumeName(name: string): boolean {
  return VOLUME_NAME.test(name)
}

/**
 * Volumes carrying every given label (key=value), or whose name contains `nameContains` (Docker's
 * name filter is a substring match: it finds a volume Docker made itself, without labels).
 */
export async function listVolumes(
  context: DockerContext,
  select: { readonly labels: Readonly<Record<string, string>> } | { readonly nameContains: string },
): Promise<Result<VolumeInfo[], DockerFailure>> {
  const filters: Record<string, string[]> =
    'labels' in select ? { label: labelFilters(select.labels) } : { name: [select.nameContains] }
  const listed = await context.call('list volumes', (signal) =>
    context.docker.listVolumes({ filters, abortSignal: signal } as Dockerode.VolumeListOptions),
  )
  if (!listed.ok) return listed
  const volumes = (listed.value.Volumes ?? []).map((v) => ({
    name: v.Name,
    labels: { ...(v.Labels ?? {}) },
  }))
  // Docker matches every label filter; Podman 4.3's compatible API matches any of them. Keep only
  // what carries every label, whichever engine answered.
  if (!('labels' in select)) return ok(volumes)
  const wanted = Object.entries(select.labels)
  return ok(volumes.filter((v) => wanted.every(([key, value]) => v.labels[key] === value)))
}

/** Creates a labelled local volume; one of that name already there counts as created. */
export async function createVolume(
  context: DockerContext,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<Result<void, DockerFailure>> {
  if (!isVolumeName(name)) return err(invalidName(name))
  const created = await context.call('create a volume', (signal) =>
    context.docker.createVolume({
      Name: name,
      Driver: 'local',
      Labels: { ...labels },
      abortSignal: signal,
    } as Dockerode.VolumeCreateOptions),
  )
  return created.ok ? ok(undefined) : created
}

/**
 * Removes a volume. `in-use` when a container still mounts it (Docker answers 409 and keeps it),
 * `gone` when it was not there.
 */
export async function removeVolume(
  context: DockerContext,
  name: string,
): Promise<Result<'removed' | 'gone' | 'in-use', DockerFailure>> {
  if (!isVolumeName(name)) return err(invalidName(name))
  return context.call('remove a volume', (signal) =>
    context.docker
      .getVolume(name)
      .remove({ abortSignal: signal })
      .then(
        () => 'removed' as const,
        (error: unknown) => {
          const status = httpStatus(error)
          if (status === 404) return 'gone' as const
          if (status === 409) return 'in-use' as const
          throw error
        },
      ),
  )
}

/**
 * Sizes and users of every volume from `GET /system/df` (`type=volume` where the engine knows it,
 * so images and containers are not measured too). The engine walks the volumes to measure them,
 * so this gets a longer deadline than an ordinary call.
 */
export async function volumeUsage(
  context: DockerContext,
): Promise<Result<Map<string, VolumeUsage>, DockerFailure>> {
  // The engine measures for one caller at a time and answers any other "a disk usage operation is
  // already running" (500): `runnerdock cache list` while the app measures its caches, say. The
  // other measurement ends soon, so wait for it rather than fail.
  const deadline = Date.now() + DF_BUSY_WAIT_MS
  for (;;) {
    const measured = await measureVolumes(context)
    if (measured.ok || !isDfBusy(measured.error) || Date.now() > deadline) return measured
    await new Promise((resolve) => setTimeout(resolve, DF_BUSY_RETRY_MS))
  }
}

/** How long a measurement waits for another caller's to end, and how often it asks again. */
const DF_BUSY_WAIT_MS = 30_000
const DF_BUSY_RETRY_MS = 200

function isDfBusy(failure: DockerFailure): boolean {
  return /disk usage operation is already running/i.test(`${failure.message} ${failure.detail}`)
}

async function measureVolumes(
  context: DockerContext,
): Promise<Result<Map<string, VolumeUsage>, DockerFailure>> {
  const answered = await context.call(
    'measure the volumes',
    (signal) =>
      new Promise<{ Volumes?: DfVolume[] | null }>((resolve, reject) => {
        context.docker.modem.dial(
          {
            path: '/system/df?',
            method: 'GET',
            options: { type: 'volume' },
            abortSignal: signal,
            statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
          },
          (error: unknown, data: unknown) =>
            error ? reject(error) : resolve(data as { Volumes?: DfVolume[] | null }),
        )
      }),
    { timeoutMs: Math.max(context.callTimeoutMs, 60_000) },
  )
  if (!answered.ok) return answered
  const usage = new Map<string, VolumeUsage>()
  for (const v of answered.value.Volumes ?? []) {
    const size = v.UsageData?.Size
    const refs = v.UsageData?.RefCount
    usage.set(v.Name, {
      bytes: typeof size === 'number' && size >= 0 ? size : null,
      inUse: typeof refs === 'number' && refs >= 0 ? refs : null,
    })
  }
  return ok(usage)
}

interface DfVolume {
  readonly Name: string
  readonly UsageData?: { readonly Size?: number; readonly RefCount?: number } | null
}

function invalidName(name: string): DockerFailure {
  return {
    kind: 'other',
    message: `"${name}" is not a volume name Docker accepts.`,
    detail: `invalid volume name ${JSON.stringify(name)}`,
  }
}
