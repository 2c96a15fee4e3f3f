import type { Block, Check, Health } from '../../../common/pool-status'

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
    'token',
    'target',
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
