import os from 'node:os'
import type { DockerConnection } from '../docker/docker-connection'
import { jobFoldersBase } from '../docker/job-folders'
import {
  composeAttachments,
  NO_ATTACHMENTS,
  type RunnerAttachments,
} from '../pool/runner-attachments'
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
  readonly configDir: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** How the Docker daemon is reached (absent for adapters that cannot say, as in tests). */
  readonly connection?: DockerConnection
  readonly log: (runner: string, message: string) => void
}

/**
 * The attachments a pool's runners get from the settings, and a line to tell the user when a
 * setting cannot be honoured as usual (Docker for jobs on a daemon in a VM has no proxy).
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
  return { attachments: parts.length === 0 ? NO_ATTACHMENTS : composeAttachments(parts), notice }
}
