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
    imageHasHook: () =>
      (hook ??= imageEnvironment(input.context, input.image).then(
        (env) => env.ok && env.value.some((e) => e.startsWith(`${JOB_STARTED_HOOK}=`)),
      )),
  })
}
