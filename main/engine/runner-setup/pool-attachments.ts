import os from 'node:os'
import type { DockerConnection } from '../docker/docker-connection'
import { jobFoldersBase } from '../docker/job-folders'
import { jobDockerDaemon } from '../docker/job-resources'
import {
  composeAttachments,
  NO_ATTACHMENTS,
  type RunnerAttachments,
} from '../pool/runner-attachments'
import { poolCacheAttachment } from './pool-caches'
import {
  jobDockerAttachment,
  plainSocketAttachment,
  proxyUnsupported,
} from './job-docker-attachment'

/** What decides a pool's attachments. */
export interface PoolAttachmentInput {
  readonly installationId: string
  readonly image: string
  readonly dockerAccess: boolean
  /** Tool and action caches per target (settings `caches`), and what they may hold in all. */
  readonly caches: boolean
  readonly cacheLimitBytes: () => number
  /** The API URL runners register with: its host is part of each cache's scope. */
  readonly apiUrl: string
  readonly configDir: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** How the Docker daemon is reached (absent for adapters that cannot say, as in tests). */
  readonly connection?: DockerConnection
  readonly log: (runner: string, message: string) => void
  /** Follows a runner's output lines (the caches read the worker's trace); absent in tests. */
  readonly watchLines?: (runner: string, onLine: (text: string) => void) => () => void
}

/**
 * The attachments a pool's runners get from the settings (Docker for jobs, then the caches), and a
 * line to tell the user when a setting cannot be honoured as usual (Docker for jobs on a daemon in
 * a VM has no proxy).
 */
export function poolAttachments(input: PoolAttachmentInput): {
  readonly attachments: RunnerAttachments
  readonly notice: string | null
} {
  const parts: RunnerAttachments[] = []
  let notice: string | null = null
  if (input.dockerAccess && input.connection) {
    const unsupported = proxyUnsupported(input.connection)
    if (unsupported === null)
      parts.push(
        jobDockerAttachment({
          base: jobFoldersBase({
            configDir: input.configDir,
            home: os.homedir(),
            platform: process.platform,
            env: input.env,
          }),
          installationId: input.installationId,
          connection: input.connection,
          image: input.image,
          log: input.log,
        }),
      )
    else {
      parts.push(plainSocketAttachment(input.connection))
      notice = `${unsupported} Jobs get that daemon's socket without RunnerDock's bounds, and jobs with container: or services: cannot see their workspace files.`
    }
  }
  if (input.caches && input.connection) {
    // After Docker for jobs: its work folder decides where the tool cache is mounted.
    const jobs = parts[0]
    parts.push(
      poolCacheAttachment({
        ...input,
        context: jobDockerDaemon(input.connection).context,
        workFolder: (name) => jobs?.workFolder(name) ?? null,
      }),
    )
  }
  return { attachments: parts.length === 0 ? NO_ATTACHMENTS : composeAttachments(parts), notice }
}
