import { ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import type { DockerFailure } from './docker-port'

/**
 * The environment a local image sets (`Config.Env`, "NAME=value"): what its containers get unless
 * the container's own environment says otherwise.
 */
export async function imageEnvironment(
  context: DockerContext,
  image: string,
): Promise<Result<string[], DockerFailure>> {
  const inspected = await context.call('inspect the runner image', (signal) =>
    (
      context.docker.getImage(image).inspect as (o: {
        abortSignal: AbortSignal
      }) => Promise<{ Config?: { Env?: string[] | null } | null }>
    )({ abortSignal: signal }),
  )
  if (!inspected.ok) return inspected
  return ok([...(inspected.value.Config?.Env ?? [])])
}
