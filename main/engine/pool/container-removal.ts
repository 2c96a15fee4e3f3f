import { sleep, type Clock } from '../../../common/clock'
import { err, ok, type Result } from '../../../common/result'
import { isStateRace } from '../docker/docker-errors'
import type { DockerFailure, DockerPort } from '../docker/docker-port'

/** How long, at most, a removal that keeps racing the container's own exit is retried. */
export const REMOVAL_RETRY_MS = 10_000

/**
 * Removes a container for sure, or says why not. A removal that raced the container's own state
 * change (Podman: "container state improper"; Docker: 409 "removal … is already in progress",
 * "is not running") is tried again after a short look-again delay, within `REMOVAL_RETRY_MS`,
 * until the container is gone (a gone container answers as removed) or the failure is real.
 */
export async function removeContainerSurely(
  docker: DockerPort,
  id: string,
  clock: Clock,
  retryMs = REMOVAL_RETRY_MS,
): Promise<Result<void, DockerFailure>> {
  const deadline = clock.now() + retryMs
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    const removed = await docker.remove(id)
    if (removed.ok) return ok(undefined)
    if (!isStateRace(removed.error) || clock.now() + delay > deadline) return err(removed.error)
    await sleep(clock, delay)
  }
}
