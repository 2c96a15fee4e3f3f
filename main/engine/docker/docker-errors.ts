import type { DockerFailure } from './docker-port'

/** What a failed call was for, so the message can say where and what. */
export interface FailureContext {
  /** Finishes "Docker could not …": e.g. "start the runner container". */
  readonly action: string
  /** The daemon address: "unix:///var/run/docker.sock". */
  readonly where: string
  readonly platform: NodeJS.Platform
  /** Masks secrets (the JIT config) that Docker might echo back in an error. */
  readonly redact?: (text: string) => string
}

/** Raised by our own call deadline, so it can be told apart from the daemon's errors. */
export class DockerCallTimeout extends Error {
  override readonly name = 'DockerCallTimeout'

  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer from Docker within ${timeoutMs} ms (${action})`)
  }
}

// Transport errors that mean "nothing answers at that address" (dockerode passes Node's net errors through).
const UNREACHABLE_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
])
const PERMISSION_CODES = new Set(['EACCES', 'EPERM'])

/**
 * Sorts any error from a dockerode call into a failure a user can act on, keeping the raw text in
 * `detail` for logs. Pure, so every branch is unit-tested.
 */
export function toDockerFailure(error: unknown, context: FailureContext): DockerFailure {
  const redact = context.redact ?? ((text: string) => text)
  const detail = redact(rawMessage(error))
  const make = (kind: DockerFailure['kind'], message: string): DockerFailure => ({
    kind,
    message: redact(message),
    detail,
  })
  if (error instanceof DockerCallTimeout) {
    const seconds = formatSeconds(error.timeoutMs)
    return make(
      'timeout',
      `Docker did not answer within ${seconds} when asked to ${error.action} (${context.where}). It may be busy or stuck: restart Docker if this keeps happening.`,
    )
  }
  const code = errorCode(error)
  if (code !== null && PERMISSION_CODES.has(code)) {
    return make('permission', permissionMessage(context))
  }
  if ((code !== null && UNREACHABLE_CODES.has(code)) || /socket hang up/i.test(detail)) {
    return make(
      'unreachable',
      `Docker is not running (could not reach ${context.where}). Start Docker, then try again.`,
    )
  }
  const status = httpStatus(error)
  const said = dockerSays(error)
  const couldNot = `Docker could not ${context.action}: ${said}`
  if (status === 404) return make('not-found', couldNot)
  if (status === 409) return make('conflict', couldNot)
  return make('other', couldNot)
}

/** The HTTP status dockerode attached to an error (404, 409, 304…), or null for transport errors. */
export function httpStatus(error: unknown): number | null {
  const status = property(error, 'statusCode')
  return typeof status === 'number' ? status : null
}

/** Docker's own explanation (`json.message`), without dockerode's "(HTTP code …)" wrapper. */
export function dockerSays(error: unknown): string {
  const json = property(error, 'json')
  const fromJson = property(json, 'message')
  let text = typeof fromJson === 'string' ? fromJson : rawMessage(error)
  const wrapped = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(text)
  if (wrapped?.[1] !== undefined) text = wrapped[1]
  text = text.trim()
  if (text === '') return 'no reason given.'
  return /[.!?]$/.test(text) ? text : `${text}.`
}

function permissionMessage(context: FailureContext): string {
  const denied = `RunnerDock is not allowed to use Docker (permission denied on ${context.where}).`
  if (context.platform === 'linux') {
    return `${denied} Add your user to the docker group (sudo usermod -aG docker $USER), log out and back in, then try again.`
  }
  return `${denied} Check that Docker runs for your user account, then try again.`
}

function rawMessage(error: unknown): string {
  if (error instanceof Error) return error.message.trim() || error.name
  if (typeof error === 'string') return error
  const message = property(error, 'message')
  return typeof message === 'string' ? message : String(error)
}

function errorCode(error: unknown): string | null {
  const code = property(error, 'code')
  return typeof code === 'string' ? code : null
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`
}

// Answers that mean "the container changed state under this call" (Docker 409s, Podman's "state
// improper" while it exits on its own): look again and retry, do not give up.
const STATE_RACE =
  /state improper|already in progress|is not running|could not be stopped|is already stopped|is restarting|is paused|cannot (?:remove|kill) .* (?:running|stopped)/i

/** Failures that say nothing about the container: Docker itself is away, slow or refusing us. */
const NOT_ABOUT_THE_CONTAINER: readonly DockerFailure['kind'][] = [
  'unreachable',
  'timeout',
  'permission',
]

/**
 * Whether a failed removal raced the container's own state change (retry it). Only Docker's own
 * words count: our message for a daemon that is away ("Docker is not running") must not read as
 * a container that "is not running", or a stop with Docker down would retry for seconds.
 */
export function isStateRace(failure: DockerFailure): boolean {
  if (NOT_ABOUT_THE_CONTAINER.includes(failure.kind)) return false
  return failure.kind === 'conflict' || STATE_RACE.test(failure.detail)
}
