import Dockerode from 'dockerode'
import { sleep, systemClock } from '../../../common/clock'
import { err, ok, type Result } from '../../../common/result'
import { dockerContextFor } from './create-docker-port'
import type { DockerContext } from './docker-call'
import type { DockerConnection } from './docker-connection'
import { httpStatus, isStateRace } from './docker-errors'
import { JOB_LABELS } from './job-docker-policy'
import type { DockerFailure } from './docker-port'

// What a runner's jobs created through its Docker proxy (labelled dev.runnerdock.job-of) goes
// with the runner: containers first (force, with their anonymous volumes), then the networks they
// were on, then volumes. Also what a crash left: job resources of runners no longer alive.

/** The daemon calls for job resources, with RunnerDock's deadlines and failure messages. */
export interface JobDockerDaemon {
  readonly context: DockerContext
}

/** Builds the daemon handle once per pool (see resolveDockerConnection). */
export function jobDockerDaemon(
  connection: DockerConnection,
  options: { readonly callTimeoutMs?: number; readonly platform?: NodeJS.Platform } = {},
): JobDockerDaemon {
  return { context: dockerContextFor(connection, options) }
}

/** What a cleanup removed, and what it could not (ids or names, with Docker's reason). */
export interface JobCleanup {
  readonly removed: {
    readonly containers: number
    readonly networks: number
    readonly volumes: number
  }
  readonly left: readonly {
    readonly kind: 'container' | 'network' | 'volume'
    readonly id: string
    readonly problem: string
  }[]
}

/**
 * Removes everything a runner's jobs created. Fails only when Docker cannot be asked; what it
 * asked to remove and could not is listed in `left` (the caller reports it).
 */
export async function cleanupJobResources(
  daemon: JobDockerDaemon,
  runnerName: string,
): Promise<Result<JobCleanup, DockerFailure>> {
  return cleanupByLabels(daemon, [`${JOB_LABELS.jobOf}=${runnerName}`])
}

/**
 * Removes job resources of this installation whose runner is not in `live` (left by a crash
 * before their runner's cleanup ran). Call it at start, after recovery decided which runners live.
 */
export async function cleanupOrphanedJobResources(
  daemon: JobDockerDaemon,
  installationId: string,
  live: ReadonlySet<string>,
): Promise<Result<JobCleanup, DockerFailure>> {
  const { context } = daemon
  const filters = { label: [`${JOB_LABELS.installation}=${installationId}`, JOB_LABELS.jobOf] }
  const listed = await context.call('list job containers', async (signal) => {
    const [containers, networks, volumes] = await Promise.all([
      context.docker.listContainers({ all: true, filters, abortSignal: signal }),
      context.docker.listNetworks({ filters, abortSignal: signal } as Dockerode.NetworkListOptions),
      context.docker.listVolumes({ filters, abortSignal: signal } as object),
    ])
    return [
      ...containers.map((c) => c.Labels ?? {}),
      ...networks.map((n) => n.Labels ?? {}),
      ...(volumes.Volumes ?? []).map((v) => v.Labels ?? {}),
    ]
  })
  if (!listed.ok) return listed
  const orphans = new Set(
    listed.value
      .map((labels) => labels[JOB_LABELS.jobOf])
      .filter((n): n is string => !!n && !live.has(n)),
  )
  const removed = { containers: 0, networks: 0, volumes: 0 }
  const left: JobCleanup['left'][number][] = []
  for (const runner of orphans) {
    const done = await cleanupJobResources(daemon, runner)
    if (!done.ok) return done
    removed.containers += done.value.removed.containers
    removed.networks += done.value.removed.networks
    removed.volumes += done.value.removed.volumes
    left.push(...done.value.left)
  }
  return ok({ removed, left })
}

async function cleanupByLabels(
  daemon: JobDockerDaemon,
  label: string[],
): Promise<Result<JobCleanup, DockerFailure>> {
  const { context } = daemon
  const left: JobCleanup['left'][number][] = []
  const containers = await context.call('list job containers', (signal) =>
    context.docker.listContainers({ all: true, filters: { label }, abortSignal: signal }),
  )
  if (!containers.ok) return containers
  let removedContainers = 0
  for (const c of containers.value) {
    const problem = await removeWithRetry(context, 'remove a job container', (signal) =>
      context.docker.getContainer(c.Id).remove({ force: true, v: true, abortSignal: signal }),
    )
    if (problem) left.push({ kind: 'container', id: c.Id, problem })
    else removedContainers++
  }
  const networks = await context.call('list job networks', (signal) =>
    context.docker.listNetworks({
      filters: { label },
      abortSignal: signal,
    } as Dockerode.NetworkListOptions),
  )
  if (!networks.ok) return networks
  let removedNetworks = 0
  for (const n of networks.value) {
    const problem = await removeWithRetry(context, 'remove a job network', (signal) =>
      context.docker.getNetwork(n.Id).remove({ abortSignal: signal }),
    )
    if (problem) left.push({ kind: 'network', id: n.Name, problem })
    else removedNetworks++
  }
  const volumes = await context.call('list job volumes', (signal) =>
    context.docker.listVolumes({ filters: { label }, abortSignal: signal } as object),
  )
  if (!volumes.ok) return volumes
  let removedVolumes = 0
  for (const v of volumes.value.Volumes ?? []) {
    const problem = await removeWithRetry(context, 'remove a job volume', (signal) =>
      context.docker.getVolume(v.Name).remove({ abortSignal: signal }),
    )
    if (problem) left.push({ kind: 'volume', id: v.Name, problem })
    else removedVolumes++
  }
  return ok({
    removed: { containers: removedContainers, networks: removedNetworks, volumes: removedVolumes },
    left,
  })
}

/** Removes one object; gone counts as removed, a state race is tried again. Null when removed. */
async function removeWithRetry(
  context: DockerContext,
  action: string,
  run: (signal: AbortSignal) => Promise<unknown>,
): Promise<string | null> {
  for (let attempt = 0; ; attempt++) {
    const done = await context.call(action, (signal) =>
      run(signal).then(
        () => 'removed',
        (error: unknown) => {
          if (httpStatus(error) === 404) return 'gone'
          throw error
        },
      ),
    )
    if (done.ok) return null
    if (attempt >= 5 || !isStateRace(done.error)) return done.error.message
    await sleep(systemClock, 200 * (attempt + 1))
  }
}

/**
 * Empties a folder whose files belong to other users (the runner's uid 1001, or root from a job's
 * sudo), which RunnerDock running as an ordinary user cannot delete: a throwaway root container
 * of `image` (the runner image, present already) deletes its contents.
 */
export async function emptyFolderWithContainer(
  daemon: JobDockerDaemon,
  image: string,
  folder: string,
  /** Marks it as a helper of this process (`helperLabels`), so a crash's leftover is removed. */
  labels: Readonly<Record<string, string>>,
): Promise<Result<void, DockerFailure>> {
  const { context } = daemon
  const created = await context.call('create the folder cleanup container', (signal) =>
    context.docker.createContainer({
      Image: image,
      User: '0',
      Entrypoint: ['/bin/sh', '-c', 'rm -rf /target/..?* /target/.[!.]* /target/*'],
      Cmd: [],
      Labels: { ...labels },
      HostConfig: { Binds: [`${folder}:/target`], NetworkMode: 'none' },
      abortSignal: signal,
    } as Dockerode.ContainerCreateOptions),
  )
  if (!created.ok) return created
  const container = created.value
  try {
    const started = await context.call('start the folder cleanup container', (signal) =>
      container.start({ abortSignal: signal }),
    )
    if (!started.ok) return started
    const waited = await context.call('wait for the folder cleanup', (signal) =>
      (container.wait as (o: { abortSignal: AbortSignal }) => Promise<{ StatusCode: number }>)({
        abortSignal: signal,
      }),
    )
    if (!waited.ok) return waited
    if (waited.value.StatusCode !== 0)
      return err({
        kind: 'other',
        message: `Could not empty ${folder} (the cleanup exited with ${waited.value.StatusCode}). Remove it by hand with sudo.`,
        detail: `exit ${waited.value.StatusCode}`,
      })
    return ok(undefined)
  } finally {
    await context.call('remove the folder cleanup container', (signal) =>
      container.remove({ force: true, abortSignal: signal }).catch(() => undefined),
    )
  }
}
