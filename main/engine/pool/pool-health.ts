import type { Block, Check, Health } from '../../../common/pool-status'
import type { TokenCheck } from '../../../common/token-access'
import type { GitHubFailure } from '../github/github-failure'

type GitHubFailureKind = GitHubFailure['kind']

/** A check not yet made. */
export function unknownCheck(summary: string): Check {
  return { state: 'unknown', summary, problem: null, checkedAt: null }
}

/** A passing check. */
export function okCheck(summary: string, now: number): Check {
  return { state: 'ok', summary, problem: null, checkedAt: now }
}

/** A failing check whose `problem` tells the user what to do. */
export function problemCheck(summary: string, problem: string, now: number): Check {
  return { state: 'problem', summary, problem, checkedAt: now }
}

/** Health before anything was checked. */
export function initialHealth(): Health {
  return {
    docker: unknownCheck('Not checked yet'),
    github: unknownCheck('Not checked yet'),
    token: unknownCheck('Not checked yet'),
    image: unknownCheck('Not checked yet'),
  }
}

/**
 * Why creation is on hold, in priority order: the first problem a user must fix. Pure, so the
 * precedence (Docker before token before image...) is decided and tested in one place.
 */
export function chooseBlock(
  blocks: ReadonlyMap<Block['reason'], Block>,
  now: number,
): Block | null {
  const order: Block['reason'][] = [
    'config',
    'docker',
    'github',
    'token',
    'target',
    'public',
    'network',
    'image',
    'rate-limit',
    'backoff',
  ]
  for (const reason of order) {
    const block = blocks.get(reason)
    if (block && (block.until === null || block.until > now)) return block
  }
  return null
}

/** What a GitHub failure does to the pool: a health line, a block, and/or a counted failure. */
export interface FailureEffect {
  readonly check: { readonly key: 'token' | 'github'; readonly summary: string } | null
  readonly block: { readonly reason: Block['reason']; readonly forMs: number | null } | null
  /** Counts toward backoff (a transient or unknown failure, not one the user must fix). */
  readonly backoff: boolean
}

/** How often a GitHub that does not answer is asked again. */
export const GITHUB_RETRY_MS = 10_000

/**
 * How the pool reacts to a GitHub failure. Pure: a rejected token or a missing permission blocks
 * creation until the user acts; a rate limit blocks for a while; anything else backs off.
 */
export function gitHubFailureEffect(kind: GitHubFailureKind, target: string): FailureEffect {
  switch (kind) {
    case 'unauthorized':
      return {
        check: { key: 'token', summary: 'Token rejected' },
        block: { reason: 'token', forMs: null },
        backoff: false,
      }
    case 'forbidden':
    case 'not-found':
      return {
        check: { key: 'token', summary: `No runner access to ${target}` },
        block: { reason: 'target', forMs: null },
        backoff: false,
      }
    case 'rate-limited':
      return { check: null, block: { reason: 'rate-limit', forMs: 60_000 }, backoff: false }
    case 'network':
      return {
        check: { key: 'github', summary: 'GitHub is not reachable' },
        block: { reason: 'github', forMs: GITHUB_RETRY_MS },
        backoff: false,
      }
    case 'unanswered':
      return {
        check: { key: 'github', summary: 'GitHub does not answer' },
        block: { reason: 'github', forMs: GITHUB_RETRY_MS },
        backoff: false,
      }
    default:
      return { check: null, block: null, backoff: true }
  }
}

/**
 * The token line of the health panel while no pool runs, from the last token check: a stopped
 * pool still tells the user whether the token would work.
 */
export function tokenHealth(check: TokenCheck | null, present: boolean): Check {
  if (check === null) return unknownCheck(present ? 'Not checked yet' : 'No token saved')
  if (check.status === 'valid' && check.canRegister)
    return okCheck(`${check.login ?? 'Token'} may register runners`, check.checkedAt)
  if (check.status === 'valid')
    return okCheck(`Token of ${check.login ?? 'unknown'}`, check.checkedAt)
  return problemCheck('Token cannot be used', check.message, check.checkedAt)
}
