import { assertNever } from '../../common/assert-never'
import type { Block, Health } from '../../common/pool-status'
import { formatDuration } from './format-time'
import type { SettingsFocus } from './route'

/** The one button that leads to the fix: a setting to open, or trying again now. */
export type Fix =
  | { readonly kind: 'setting'; readonly label: string; readonly focus: SettingsFocus }
  | { readonly kind: 'retry'; readonly label: string }

/** A hold explained: a title, the detail in the user's words, the fix, and its one clock. */
export interface HoldAdvice {
  readonly title: string
  readonly text: string
  readonly fix: Fix | null
  /** The health lines this advice already explains: they do not repeat it. */
  readonly explains: readonly (keyof Health)[]
}

/**
 * A message without advice to type a command: the dashboard has a button for that. The engine
 * words some messages for every front end, the CLI included.
 */
export function withoutCommandAdvice(text: string): string {
  return text.replace(/,? or run "runnerdock [^"]*"/g, '')
}

const mentions = (text: string, word: string | null) =>
  word !== null && word !== '' && text.toLowerCase().includes(word.toLowerCase())

/**
 * Why no runner is made, what to do and where: the banner's (or a target's) whole content. Pure,
 * so each reason's fix (image → the image field, network → the network field, token → token
 * setup, public → the allow list) is decided and tested in one place.
 */
export function holdAdvice(block: Block, context: { networkMode: string | null }): HoldAdvice {
  const text = withoutCommandAdvice(block.message)
  const advice = (
    title: string,
    fix: Fix | null,
    explains: readonly (keyof Health)[] = [],
  ): HoldAdvice => ({ title, text, fix, explains })
  switch (block.reason) {
    case 'docker':
      return advice('Docker is not reachable', { kind: 'retry', label: 'Try now' }, ['docker'])
    case 'github':
      return advice('GitHub does not answer', null, ['github'])
    case 'rate-limit':
      return advice('GitHub asks RunnerDock to slow down', null, ['github'])
    case 'token':
      return advice(
        'GitHub refuses the token',
        { kind: 'setting', label: 'Set up the token', focus: 'token' },
        ['token'],
      )
    case 'target':
      return advice(
        'The token cannot register runners here',
        { kind: 'setting', label: 'Check the token', focus: 'token' },
        ['token'],
      )
    case 'public':
      return advice('A public repository is held back', {
        kind: 'setting',
        label: 'Review allowed public repositories',
        focus: 'allowPublic',
      })
    case 'network':
      return advice(
        'The runners’ Docker network is missing',
        { kind: 'setting', label: 'Fix the network', focus: 'networkMode' },
        ['network'],
      )
    case 'image':
      return advice(
        'The runner image cannot be used',
        { kind: 'setting', label: 'Fix the image', focus: 'image' },
        ['image'],
      )
    case 'config':
      return advice('A setting needs fixing', {
        kind: 'setting',
        label: 'Open Settings',
        focus: null,
      })
    case 'backoff':
      if (mentions(text, 'network') || mentions(text, context.networkMode))
        return advice(
          'Runners cannot join the Docker network',
          { kind: 'setting', label: 'Fix the network', focus: 'networkMode' },
          ['network'],
        )
      if (mentions(text, 'image'))
        return advice(
          'Runners cannot start from the image',
          { kind: 'setting', label: 'Fix the image', focus: 'image' },
          ['image'],
        )
      return advice('Runners keep failing to start', { kind: 'retry', label: 'Try now' })
    default:
      return assertNever(block.reason)
  }
}

/** The block's one clock: "Trying again in 12 s", or null when nothing is scheduled. */
export function holdClock(until: number | null, now: number): string | null {
  if (until === null || until <= now) return null
  return `Trying again in ${formatDuration(until - now)}.`
}
