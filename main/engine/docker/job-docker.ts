import { promises as fsp } from 'node:fs'
import os from 'node:os'
import { err, ok, type Result } from '../../../common/result'
import type { DockerConnection } from './docker-connection'
import type { DockerFailure } from './docker-port'
import { daemonSideSocket } from './engine-sockets'
import type { PathTranslation } from './job-docker-mounts'
import { startJobDockerProxy } from './job-docker-proxy'
import {
  createRunnerFolders,
  jobFolderMounts,
  removeSharedFolder,
  runnerFolders,
  type RunnerFolders,
} from './job-folders'
import {
  cleanupJobResources,
  cleanupOrphanedJobResources,
  emptyFolderWithContainer,
  type JobCleanup,
  type JobDockerDaemon,
} from './job-resources'

// Docker for one runner's jobs, start to end, for the pool to call: its work folder and proxy
// before the container is created, everything the jobs made and the work folder after it is
// removed. The runner's root and diagnostics folders are every runner's (diag-attachment.ts). Each
// piece is its own module (job-folders, job-docker-proxy, job-resources); this one sequences them.

/** What a runner with Docker for its jobs needs from the pool. */
export interface JobDockerOptions {
  /** jobFoldersBase(...) */
  readonly base: string
  readonly runnerName: string
  readonly installationId: string
  readonly connection: DockerConnection
  readonly daemon: JobDockerDaemon
  /** The runner image, present locally: it empties folders the runner's files make undeletable. */
  readonly runnerImage: string
  /** Labels of the helper container that empties folders (`helperLabels`). */
  readonly helperLabels: Readonly<Record<string, string>>
  /** Labels that mark the runner's own container (its jobs may inspect it). */
  readonly selfLabels: Readonly<Record<string, string>>
  /**
   * A volume holding the runner image's externals (`externalsVolumeName`): mounted over the
   * runner's /home/runner/externals (Docker fills an empty volume from the image) and given to
   * job containers in its place, where the runner mounts its externals at /__e.
   */
  readonly externalsVolume?: string
  /** More sources to translate (see job-docker-mounts.ts). */
  readonly translations?: readonly PathTranslation[]
  readonly onRefusal?: (message: string) => void
}

/** Where the official image keeps the runner's externals (node for JavaScript actions). */
export const RUNNER_EXTERNALS = '/home/runner/externals'

/** The externals volume of one runner image: per image id, so a new image gets fresh externals. */
export function externalsVolumeName(imageId: string): string {
  return `runnerdock-externals-${imageId.replace(/^sha256:/, '').slice(0, 12)}`
}

/** The id of a local image (for `externalsVolumeName`). */
export async function localImageId(
  daemon: JobDockerDaemon,
  image: string,
): Promise<Result<string, DockerFailure>> {
  const { context } = daemon
  const inspected = await context.call('inspect the runner image', (signal) =>
    (
      context.docker.getImage(image).inspect as (o: {
        abortSignal: AbortSignal
      }) => Promise<{ Id: string }>
    )({ abortSignal: signal }),
  )
  return inspected.ok ? ok(inspected.value.Id) : inspected
}

/** A runner's Docker for jobs, set up. */
export interface JobDocker {
  /** Spread into the RunnerContainerSpec. */
  readonly spec: {
    readonly dockerSocket: true
    readonly dockerSocketSource: string
    readonly workFolder: string
    readonly extraBinds: readonly string[]
    readonly privateCgroupns: true
  }
  /** Give it to generate-jitconfig as work_folder: the runner then works where it is mounted. */
  readonly workFolder: string
  readonly folders: RunnerFolders
  /**
   * After the runner's container is gone: removes what its jobs created, stops the proxy, removes
   * its work folder. What could not be removed is in the result (the caller reports it).
   */
  release(): Promise<Result<JobCleanup, string>>
}

/**
 * Why a daemon cannot give jobs Docker through a per-runner proxy, or null: the proxy's socket
 * and the work folder must be on the daemon's own machine (a daemon in a VM or across tcp resolves
 * bind mounts elsewhere; docs/platform-notes.md).
 */
export function jobDockerUnsupported(
  connection: DockerConnection,
  home = os.homedir(),
): string | null {
  if (connection.socketPath === null)
    return `Docker for jobs needs the daemon on this machine; ${connection.endpoint} is reached over the network, where the runner's folders do not exist.`
  if (daemonSideSocket(connection.socketPath, home) !== connection.socketPath)
    return `Docker for jobs through RunnerDock needs a daemon on this machine's kernel (Docker Engine or Podman on Linux); ${connection.endpoint} runs in a VM, which cannot use the runner's socket.`
  return null
}

/** Sets up one runner's Docker for jobs: its work folder, then its proxy. */
export async function prepareJobDocker(
  options: JobDockerOptions,
): Promise<Result<JobDocker, string>> {
  const unsupported = jobDockerUnsupported(options.connection)
  if (unsupported) return err(unsupported)
  const laid = runnerFolders(options.base, options.runnerName)
  if (!laid.ok) return laid
  const made = await createRunnerFolders(laid.value, { only: ['work'] })
  if (!made.ok) return made
  const folders = made.value
  const proxy = await startJobDockerProxy({
    socketPath: folders.socket,
    connection: options.connection,
    bounds: {
      runnerName: options.runnerName,
      installationId: options.installationId,
      workFolder: folders.work,
      translations: [
        { from: '/var/run/docker.sock', to: folders.socket },
        ...(options.externalsVolume
          ? [{ from: RUNNER_EXTERNALS, to: options.externalsVolume }]
          : []),
        ...(options.translations ?? []),
      ],
      selfLabels: options.selfLabels,
    },
    ...(options.onRefusal ? { onRefusal: options.onRefusal } : {}),
  })
  if (!proxy.ok) {
    await removeSharedFolder(folders.work)
    return proxy
  }
  const emptyAsRoot = (folder: string) =>
    emptyFolderWithContainer(options.daemon, options.runnerImage, folder, options.helperLabels)
  const extraBinds = options.externalsVolume
    ? [`${options.externalsVolume}:${RUNNER_EXTERNALS}`]
    : []
  return ok({
    spec: { dockerSocket: true, privateCgroupns: true, ...jobFolderMounts(folders), extraBinds },
    workFolder: folders.work,
    folders,
    async release() {
      const cleaned = await cleanupJobResources(options.daemon, options.runnerName)
      await proxy.value.close()
      const removed = await removeSharedFolder(folders.work, emptyAsRoot)
      // The root goes with the last of the runner's folders (its diagnostics usually remain).
      await fsp.rm(folders.socket, { force: true }).catch(() => undefined)
      await fsp.rmdir(folders.root).catch(() => undefined)
      if (!cleaned.ok) return err(cleaned.error.message)
      if (!removed.ok) return removed
      return cleaned
    },
  })
}

/**
 * At start, after recovery: removes job resources of runners that are not `live` (a crash skipped
 * their release). Their folders go with the runner folders' own sweep (diag-attachment.ts).
 */
export async function releaseOrphanedJobDocker(options: {
  readonly installationId: string
  readonly live: ReadonlySet<string>
  readonly daemon: JobDockerDaemon
}): Promise<Result<JobCleanup, string>> {
  const cleaned = await cleanupOrphanedJobResources(
    options.daemon,
    options.installationId,
    options.live,
  )
  return cleaned.ok ? cleaned : err(cleaned.error.message)
}
