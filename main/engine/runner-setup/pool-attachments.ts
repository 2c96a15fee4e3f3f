import os from 'node:os'
import type { DockerConnection } from '../docker/docker-connection'
import { jobFoldersBase } from '../docker/job-folders'
import { emptyFolderWithContainer, jobDockerDaemon } from '../docker/job-resources'
import {
  composeAttachments,
  NO_ATTACHMENTS,
  type RunnerAttachments,
} from '../pool/runner-attachments'
import { helperLabels, runnerNamePrefix } from '../pool/runner-labels'
import { runnerFoldersAttachment, stepOutputUnavailableAttachment } from './diag-attachment'
import { stepOutputUnavailable } from './diag-support'
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
  /** A line of a job's step output, read from the runner's page files (its log's `step` lines). */
  readonly stepLine: (runner: string, time: number, text: string) => void
  /** A line of the worker's trace, read from the runner's `_diag` (its log's `trace` lines). */
  readonly traceLine: (runner: string, time: number, text: string) => void
  /** Follows a runner's output lines (the caches read the worker's trace); absent in tests. */
  readonly watchLines?: (runner: string, onLine: (text: string) => void) => () => void
}

/**
 * The attachments a pool's runners get from the settings, and a line to tell the user when a
 * setting cannot be honoured as usual (Docker for jobs on a daemon in a VM has no proxy; a daemon
 * on another machine shows no step output). Every runner gets its folders first (its `_diag`,
 * whose page files carry the job's step output); Docker for jobs adds a work folder and a socket;
 * the caches come last.
 */
export function poolAttachments(input: PoolAttachmentInput): {
  readonly attachments: RunnerAttachments
  readonly notice: string | null
} {
  const parts: RunnerAttachments[] = []
  const notices: string[] = []
  const base = jobFoldersBase({
    configDir: input.configDir,
    home: os.homedir(),
    platform: process.platform,
    env: input.env,
  })
  if (input.connection) {
    const unavailable = stepOutputUnavailable(input.connection)
    if (unavailable === null) {
      const daemon = jobDockerDaemon(input.connection)
      parts.push(
        runnerFoldersAttachment({
          base,
          runnerPrefix: runnerNamePrefix(input.installationId),
          emptyAsRoot: (folder) =>
            emptyFolderWithContainer(
              daemon,
              input.image,
              folder,
              helperLabels(input.installationId, 'folder-cleanup'),
            ),
          stepLine: input.stepLine,
          traceLine: input.traceLine,
          log: input.log,
        }),
      )
    } else {
      parts.push(stepOutputUnavailableAttachment(unavailable, input.log))
      notices.push(unavailable)
    }
  }
  let jobs: RunnerAttachments | null = null
  if (input.dockerAccess && input.connection) {
    const unsupported = proxyUnsupported(input.connection)
    if (unsupported === null)
      jobs = jobDockerAttachment({
        base,
        installationId: input.installationId,
        connection: input.connection,
        image: input.image,
        log: input.log,
      })
    else {
      jobs = plainSocketAttachment(input.connection)
      notices.push(
        `${unsupported} Jobs get that daemon's socket without RunnerDock's bounds, and jobs with container: or services: cannot see their workspace files.`,
      )
    }
    parts.push(jobs)
  }
  if (input.caches && input.connection) {
    // After Docker for jobs: its work folder decides where the tool cache is mounted.
    parts.push(
      poolCacheAttachment({
        ...input,
        context: jobDockerDaemon(input.connection).context,
        workFolder: (name) => jobs?.workFolder(name) ?? null,
      }),
    )
  }
  return {
    attachments: parts.length === 0 ? NO_ATTACHMENTS : composeAttachments(parts),
    notice: notices.length === 0 ? null : notices.join(' '),
  }
}
