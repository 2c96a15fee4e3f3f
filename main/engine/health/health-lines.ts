import type { Check, Health } from '../../../common/pool-status'
import { imageReferenceProblem } from '../../../common/image-reference'
import type { Result } from '../../../common/result'
import type { TokenCheck } from '../../../common/token-access'
import type { DockerFailure } from '../docker/docker-port'
import { okCheck, problemCheck, unknownCheck } from '../pool/pool-health'

type Lookup = Result<boolean, DockerFailure> | null

/** The Docker line from a ping: its API version, or why it does not answer and what to do. */
export function dockerLine(
  ping: Result<{ apiVersion: string }, DockerFailure>,
  now: number,
): Check {
  if (!ping.ok) return problemCheck('Docker is not reachable', ping.error.message, now)
  return okCheck(`Docker API ${ping.value.apiVersion}`, now)
}

/**
 * The image line: on this machine; absent, so pulled when the pool starts; a name Docker refuses;
 * or not known while Docker does not answer (`present` null).
 */
export function imageLine(image: string, present: Lookup, now: number): Check {
  const invalid = imageReferenceProblem(image)
  if (invalid)
    return problemCheck(`${image} is not an image name`, `${invalid} Fix it in Settings.`, now)
  if (present === null)
    return { ...unknownCheck(`${image}: checked once Docker answers`), checkedAt: now }
  if (!present.ok) return problemCheck(image, present.error.message, now)
  return okCheck(present.value ? image : `${image}: not here yet, pulled at start`, now)
}

/** The network line: only when runners join a network other than Docker's default. */
export function networkLine(
  network: string | null,
  exists: Lookup,
  now: number,
): Check | undefined {
  if (network === null) return undefined
  if (network.startsWith('container:')) return okCheck(`Network of ${network.slice(10)}`, now)
  if (exists === null)
    return { ...unknownCheck(`${network}: checked once Docker answers`), checkedAt: now }
  if (!exists.ok) return problemCheck(`Network ${network}`, exists.error.message, now)
  return exists.value
    ? okCheck(`Network ${network}`, now)
    : problemCheck(
        `No network named ${network}`,
        `Docker has no network named "${network}": every runner would fail to start. Fix the name in Settings, or create the network.`,
        now,
      )
}

/** The GitHub line from a token check (GitHub is asked with the token; no token, not asked). */
export function gitHubLine(check: TokenCheck | null, apiUrl: string): Check {
  if (check === null) return unknownCheck('Checked once a token is saved')
  if (check.status === 'unreachable')
    return problemCheck('GitHub is not reachable', check.message, check.checkedAt)
  if (check.status === 'rate-limited')
    return problemCheck('GitHub rate limit reached', check.message, check.checkedAt)
  return okCheck(`Reached ${apiUrl}`, check.checkedAt)
}

const newer = (a: Check | undefined, b: Check | undefined): Check | undefined => {
  if (!a) return b
  if (!b) return a
  return (b.checkedAt ?? -1) > (a.checkedAt ?? -1) ? b : a
}

/**
 * The health a UI shows: per line, whichever was checked last, the running pool's own line or the
 * engine's check (Check now, a settings change). A line never checked never hides one that was.
 */
export function freshestHealth(pool: Health, checked: Partial<Health> | null): Health {
  if (!checked) return pool
  const network = newer(pool.network, checked.network)
  return {
    docker: newer(pool.docker, checked.docker)!,
    github: newer(pool.github, checked.github)!,
    token: newer(pool.token, checked.token)!,
    image: newer(pool.image, checked.image)!,
    ...(network ? { network } : {}),
  }
}
