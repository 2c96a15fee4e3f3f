import os from 'node:os'
import { err, ok } from '../../../common/result'
import type { DockerConnection } from '../docker/docker-connection'
import { daemonSideSocket } from '../docker/engine-sockets'
import {
  externalsVolumeName,
  jobDockerUnsupported,
  localImageId,
  prepareJobDocker,
  releaseOrphanedJobDocker,
} from '../docker/job-docker'
import { runnerFolders } from '../docker/job-folders'
import { jobDockerDaemon, type JobCleanup } from '../docker/job-resources'
import type { RunnerAttachments } from '../pool/runner-attachments'
import { helperLabels, LABELS } from '../pool/runner-labels'

/** What Docker for jobs needs to know of the pool. */
export interface JobDockerAttachmentOptions {
  /** jobFoldersBase(...): where runners' folders live. */
  readonly base: string
  readonly installationId: string
  readonly connection: DockerConnection
  readonly image: string
  /** Tells a runner's log that the proxy refused a job's request, and why. */
  readonly log: (runner: string, message: string) => void
}

/**
 * "Give jobs access to Docker" as a runner attachment: each runner gets its own work folder
 * (mounted at the same path, so a job's bind mounts resolve on the host) and its own Docker proxy
 * socket, which keeps the job inside RunnerDock's bounds and labels what it creates; release
 * removes what the jobs created, the proxy and the work folder. The runner's root and diagnostics
 * folders are every runner's (diag-attachment.ts, composed before this one). A runner's proxy
 * lives in this process, so runners of an earlier process are not adopted (`adoptable: false`).
 */
export function jobDockerAttachment(options: JobDockerAttachmentOptions): RunnerAttachments {
  const daemon = jobDockerDaemon(options.connection)
  let externals: Promise<string | undefined> | null = null
  return {
    adoptable: false,
    workFolder: (name) => {
      const folders = runnerFolders(options.base, name)
      return folders.ok ? folders.value.work : null
    },
    async attach({ name }) {
      // The image is present once runners are made: its externals volume is named after its id.
      externals ??= localImageId(daemon, options.image).then((id) =>
        id.ok ? externalsVolumeName(id.value) : undefined,
      )
      const prepared = await prepareJobDocker({
        base: options.base,
        runnerName: name,
        installationId: options.installationId,
        connection: options.connection,
        daemon,
        runnerImage: options.image,
        externalsVolume: await externals,
        selfLabels: { [LABELS.runner]: name },
        helperLabels: helperLabels(options.installationId, 'folder-cleanup'),
        onRefusal: (message) => options.log(name, message),
      })
      if (!prepared.ok) return prepared
      return ok({
        spec: prepared.value.spec,
        release: async () => leftText(await prepared.value.release()),
      })
    },
    sweep: async (live) =>
      leftText(
        await releaseOrphanedJobDocker({ installationId: options.installationId, live, daemon }),
      ),
  }
}

/**
 * Docker for jobs on an engine whose daemon cannot use a socket or folder of this machine (a VM
 * or a remote daemon): the plain socket, as the daemon sees it, with no proxy. Said once, since
 * jobs then act on that Docker unbounded.
 */
export function plainSocketAttachment(connection: DockerConnection): RunnerAttachments {
  const socket =
    connection.socketPath === null ? null : daemonSideSocket(connection.socketPath, os.homedir())
  return {
    adoptable: true,
    workFolder: () => null,
    attach: async () =>
      ok({
        spec: socket === null ? {} : { dockerSocketSource: socket },
        release: async () => ok(undefined),
      }),
    sweep: async () => ok(undefined),
  }
}

/** Why this engine gets the plain socket instead of a proxy, or null when the proxy works. */
export function proxyUnsupported(connection: DockerConnection): string | null {
  return jobDockerUnsupported(connection)
}

function leftText(result: { ok: true; value: JobCleanup } | { ok: false; error: string }) {
  if (!result.ok) return err(result.error)
  const { left } = result.value
  if (left.length === 0) return ok(undefined)
  return err(
    `Could not remove what its jobs made: ${left.map((l) => `${l.kind} ${l.id} (${l.problem})`).join(', ')}. \`runnerdock doctor --fix\` removes it.`,
  )
}
