import { tarballUrl } from '../../../common/action-archives'
import { parseApiUrl } from '../../../common/target'
import type { DockerContext } from '../docker/docker-call'
import { imageEnvironment } from '../docker/image-config'
import { NO_ATTACHMENTS, type RunnerAttachments } from '../pool/runner-attachments'
import { cacheAttachment } from './cache-attachment'
import { JOB_STARTED_HOOK } from './cache-scripts'
import { CacheVolumes } from './cache-volumes'

/** What a pool's caches are built from. */
export interface PoolCacheInput {
  readonly installationId: string
  readonly apiUrl: string
  readonly image: string
  readonly context: DockerContext
  readonly cacheLimitBytes: () => number
  readonly workFolder: (name: string) => string | null
  readonly log: (runner: string, message: string) => void
  /** A runner's output lines as they come (see CacheAttachmentOptions.watchLines). */
  readonly watchLines?: (runner: string, onLine: (text: string) => void) => () => void
  /**
   * The process environment: RUNNERDOCK_ACTION_ARCHIVE_URL, a test knob, replaces the API URL
   * that action archives are downloaded from (the emulator serves no tarballs).
   */
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * The cache attachment of one pool, on the pool's Docker daemon. The runner image is asked once
 * whether it sets a job-started hook of its own: RunnerDock's then stays out of its way (runners
 * are seeded when they are made, only).
 */
export function poolCacheAttachment(input: PoolCacheInput): RunnerAttachments {
  const api = parseApiUrl(input.apiUrl)
  if (!api.ok) return NO_ATTACHMENTS
  let hook: Promise<boolean> | null = null
  return cacheAttachment({
    installationId: input.installationId,
    apiHost: api.value.host,
    image: input.image,
    context: input.context,
    volumes: new CacheVolumes(input.context, input.installationId),
    workFolder: input.workFolder,
    limitBytes: input.cacheLimitBytes,
    log: input.log,
    ...(input.watchLines ? { watchLines: input.watchLines } : {}),
    archiveSource: (archive) =>
      tarballUrl(input.env.RUNNERDOCK_ACTION_ARCHIVE_URL ?? input.apiUrl, archive),
    imageHasHook: () =>
      (hook ??= imageEnvironment(input.context, input.image).then(
        (env) => env.ok && env.value.some((e) => e.startsWith(`${JOB_STARTED_HOOK}=`)),
      )),
  })
}
