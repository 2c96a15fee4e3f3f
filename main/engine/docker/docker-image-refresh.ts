import { err, ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import { invalidImage, isImageReference, pullImage } from './docker-image'
import type { DockerFailure, ImageFacts, PullProgress } from './docker-port'

/** What the local image says of itself: its id, when it was built, the registry digests it has. */
export async function imageFacts(
  context: DockerContext,
  image: string,
): Promise<Result<ImageFacts | null, DockerFailure>> {
  if (!isImageReference(image)) return err(invalidImage(image))
  const found = await context.call('look up the runner image', (signal) =>
    dial(context, `/images/${image}/json`, signal),
  )
  if (!found.ok) return found.error.kind === 'not-found' ? ok(null) : found
  const data = found.value as { Id?: unknown; Created?: unknown; RepoDigests?: unknown }
  const created = typeof data.Created === 'string' ? Date.parse(data.Created) : Number.NaN
  return ok({
    id: typeof data.Id === 'string' ? data.Id : '',
    createdAt: Number.isFinite(created) ? created : null,
    repoDigests: Array.isArray(data.RepoDigests)
      ? data.RepoDigests.filter((d): d is string => typeof d === 'string')
      : [],
  })
}

/**
 * The digest the registry holds for the image's tag now (`GET /distribution/{name}/json`, the
 * daemon asks the registry for the manifest only): compared with the local RepoDigests, it says
 * whether the tag moved without pulling anything.
 */
export async function remoteDigest(
  context: DockerContext,
  image: string,
): Promise<Result<string, DockerFailure>> {
  if (!isImageReference(image)) return err(invalidImage(image))
  const found = await context.call('ask the registry for the image', (signal) =>
    dial(context, `/distribution/${image}/json`, signal),
  )
  if (!found.ok) return found
  const digest = (found.value as { Descriptor?: { digest?: unknown } }).Descriptor?.digest
  return typeof digest === 'string'
    ? ok(digest)
    : err({
        kind: 'other',
        message: 'The registry answered without a digest.',
        detail: 'no Descriptor.digest',
      })
}

/** Pulls the tag again (only changed layers download); `changed` says whether the image id moved. */
export async function refreshImage(
  context: DockerContext,
  image: string,
  onProgress: (p: PullProgress) => void,
  stallMs: number,
): Promise<Result<{ changed: boolean; id: string }, DockerFailure>> {
  const before = await imageFacts(context, image)
  if (!before.ok) return before
  const pulled = await pullImage(context, image, onProgress, stallMs)
  if (!pulled.ok) return pulled
  const after = await imageFacts(context, image)
  if (!after.ok) return after
  const id = after.value?.id ?? ''
  return ok({ changed: id !== (before.value?.id ?? ''), id })
}

// dockerode's inspect calls take no abort signal, so this dials the endpoint with one.
function dial(context: DockerContext, path: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    context.docker.modem.dial(
      {
        path,
        method: 'GET',
        abortSignal: signal,
        statusCodes: {
          200: true,
          401: 'unauthorized',
          403: 'forbidden',
          404: 'no such image',
          500: 'server error',
        },
      },
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
    )
  })
}
