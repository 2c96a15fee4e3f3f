import { describe, expect, it } from 'vitest'
import { withTimeout } from './docker-call'
import {
  DockerCallTimeout,
  dockerSays,
  httpStatus,
  isStateRace,
  toDockerFailure,
} from './docker-errors'
import type { DockerFailure } from './docker-port'

const context = {
  action: 'start the runner container',
  where: 'unix:///var/run/docker.sock',
  platform: 'linux' as const,
}

const netError = (code: string, message: string) => Object.assign(new Error(message), { code })

// The shape docker-modem gives HTTP errors (lib/modem.js buildPayload).
const httpError = (statusCode: number, reason: string, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${message} `), {
    statusCode,
    reason,
    json: { message },
  })

describe('toDockerFailure', () => {
  it.each([
    ['ENOENT', 'connect ENOENT /var/run/docker.sock'],
    ['ECONNREFUSED', 'connect ECONNREFUSED /var/run/docker.sock'],
    ['ECONNRESET', 'read ECONNRESET'],
    ['EPIPE', 'write EPIPE'],
  ])('reads %s as Docker not running', (code, message) => {
    const failure = toDockerFailure(netError(code, message), context)
    expect(failure).toEqual({
      kind: 'unreachable',
      message:
        'Docker is not running (could not reach unix:///var/run/docker.sock). Start Docker, then try again.',
      detail: message,
    })
  })

  it('reads "socket hang up" without a code as unreachable', () => {
    expect(toDockerFailure(new Error('socket hang up'), context).kind).toBe('unreachable')
  })

  it('explains permission problems per platform', () => {
    const linux = toDockerFailure(
      netError('EACCES', 'connect EACCES /var/run/docker.sock'),
      context,
    )
    expect(linux.kind).toBe('permission')
    expect(linux.message).toMatch(/docker group.*log out and back in/)
    const mac = toDockerFailure(netError('EACCES', 'x'), { ...context, platform: 'darwin' })
    expect(mac.message).not.toMatch(/usermod/)
  })

  it('maps HTTP 404 and 409 with Docker own words', () => {
    const missing = toDockerFailure(
      httpError(404, 'no such container', 'No such container: abc'),
      context,
    )
    expect(missing).toEqual({
      kind: 'not-found',
      message: 'Docker could not start the runner container: No such container: abc.',
      detail: '(HTTP code 404) no such container - No such container: abc',
    })
    const taken = toDockerFailure(
      httpError(409, 'unexpected', 'Conflict. The container name "/r1" is already in use.'),
      context,
    )
    expect(taken.kind).toBe('conflict')
    expect(taken.message).toBe(
      'Docker could not start the runner container: Conflict. The container name "/r1" is already in use.',
    )
    expect(toDockerFailure(httpError(500, 'server error', 'boom'), context).kind).toBe('other')
  })

  it('reports our own deadline as a timeout', () => {
    const failure = toDockerFailure(
      new DockerCallTimeout('list the runner containers', 15_000),
      context,
    )
    expect(failure.kind).toBe('timeout')
    expect(failure.message).toMatch(
      /did not answer within 15 s when asked to list the runner containers/,
    )
  })

  it('never lets a secret through, in the message or the detail', () => {
    const secret = 'eyJqaXQiOiJzZWNyZXQtY29uZmlnIn0='
    const failure = toDockerFailure(
      httpError(400, 'bad parameter', `invalid env ACTIONS_RUNNER_INPUT_JITCONFIG=${secret}`),
      { ...context, redact: (text) => text.split(secret).join('***') },
    )
    expect(failure.message).not.toContain(secret)
    expect(failure.detail).not.toContain(secret)
    expect(failure.message).toContain('***')
  })

  it('handles values that are not errors', () => {
    expect(toDockerFailure('weird', context)).toMatchObject({ kind: 'other', detail: 'weird' })
    expect(toDockerFailure(undefined, context).kind).toBe('other')
  })
})

describe('error helpers', () => {
  it('reads the status and Docker message', () => {
    expect(httpStatus(httpError(304, 'container already stopped', ''))).toBe(304)
    expect(httpStatus(new Error('x'))).toBeNull()
    expect(dockerSays({ message: 'plain text' })).toBe('plain text.')
    expect(dockerSays(new Error(''))).toBe('Error.')
  })
})

describe('withTimeout', () => {
  it('rejects with DockerCallTimeout and aborts the call when the deadline passes', async () => {
    let aborted = false
    const started = Date.now()
    const hang = (signal: AbortSignal) =>
      new Promise<never>(() => signal.addEventListener('abort', () => (aborted = true)))
    await expect(withTimeout('answer a ping', 50, hang)).rejects.toBeInstanceOf(DockerCallTimeout)
    expect(aborted).toBe(true)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('passes values and errors through, and honours a caller abort', async () => {
    await expect(withTimeout('x', 1000, async () => 42)).resolves.toBe(42)
    await expect(withTimeout('x', 1000, () => Promise.reject(new Error('no')))).rejects.toThrow(
      'no',
    )
    await expect(
      withTimeout('x', 1000, () => {
        throw new Error('sync')
      }),
    ).rejects.toThrow('sync')
    const outer = new AbortController()
    const pending = withTimeout('x', 10_000, () => new Promise(() => undefined), outer.signal)
    outer.abort()
    await expect(pending).rejects.toBeDefined()
  })
})

describe('isStateRace', () => {
  it('retries Docker’s own state races, never a daemon that is away', () => {
    const race = (kind: DockerFailure['kind'], message: string, detail: string) =>
      isStateRace({ kind, message, detail })
    expect(race('conflict', 'x', 'removal of container c1 is already in progress')).toBe(true)
    expect(race('other', 'x', 'container c1 is not running')).toBe(true)
    expect(race('other', 'x', 'cannot remove container c1: state improper')).toBe(true)
    // The chaos suite's docker-down-removal: our own words for an absent daemon.
    expect(
      race(
        'unreachable',
        'Docker is not running (could not reach unix:///x.sock).',
        'ECONNREFUSED',
      ),
    ).toBe(false)
    expect(race('timeout', 'x', 'container c1 is not running')).toBe(false)
    expect(race('other', 'Docker is not running', 'internal error')).toBe(false)
  })
})
