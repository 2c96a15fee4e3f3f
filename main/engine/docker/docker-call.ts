import type Dockerode from 'dockerode'
import { createRedactor } from '../../../common/redact'
import { err, ok, type Result } from '../../../common/result'
import type { DockerConnection } from './docker-connection'
import { DockerCallTimeout, toDockerFailure } from './docker-errors'
import type { DockerFailure } from './docker-port'

/** Per-call knobs: a longer deadline (stop waits for the grace period), a caller's abort, secrets. */
export interface CallOptions {
  readonly timeoutMs?: number
  /** Aborts the call when the caller gives up (a subscription stopped before its stream opened). */
  readonly signal?: AbortSignal
  /** Values that must never appear in a failure (the JIT config Docker may echo back). */
  readonly secrets?: readonly string[]
}

/** What every Docker module shares: the client, the deadline, and one way to call and map errors. */
export interface DockerContext {
  readonly docker: Dockerode
  readonly connection: DockerConnection
  readonly callTimeoutMs: number
  readonly platform: NodeJS.Platform
  /** Runs one daemon call under a deadline and turns any error into a DockerFailure. */
  call<T>(
    action: string,
    run: (signal: AbortSignal) => Promise<T>,
    options?: CallOptions,
  ): Promise<Result<T, DockerFailure>>
  /** Maps an error seen outside `call` (a stream that broke) the same way. */
  failure(error: unknown, action: string, secrets?: readonly string[]): DockerFailure
}

/**
 * Races a call against a deadline. The abort signal makes dockerode drop the request; the race is
 * the fallback for the calls it does not wire a signal through (a stalled daemon never answers).
 */
export async function withTimeout<T>(
  action: string,
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let onOuterAbort: (() => void) | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new DockerCallTimeout(action, timeoutMs)
      controller.abort(timeout)
      reject(timeout)
    }, timeoutMs)
    if (outer) {
      onOuterAbort = () => {
        controller.abort(outer.reason)
        reject(outer.reason instanceof Error ? outer.reason : new Error('aborted'))
      }
      if (outer.aborted) onOuterAbort()
      else outer.addEventListener('abort', onOuterAbort, { once: true })
    }
  })
  const work = new Promise<T>((resolve) => resolve(run(controller.signal)))
  // Whichever loses the race must not become an unhandled rejection.
  work.catch(() => undefined)
  deadline.catch(() => undefined)
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
    if (outer && onOuterAbort) outer.removeEventListener('abort', onOuterAbort)
  }
}

/** `GET /version` with an abort signal (dockerode passes it through; its types omit the option). */
export function daemonVersion(
  docker: Dockerode,
  signal: AbortSignal,
): Promise<Dockerode.DockerVersion> {
  const version = docker.version as unknown as (options: {
    abortSignal: AbortSignal
  }) => Promise<Dockerode.DockerVersion>
  return version.call(docker, { abortSignal: signal })
}

/** Builds the shared context around one dockerode client (or the error that prevented making one). */
export function createDockerContext(options: {
  readonly docker: Dockerode | null
  readonly constructionError: unknown
  readonly connection: DockerConnection
  readonly callTimeoutMs: number
  readonly platform: NodeJS.Platform
}): DockerContext {
  const { connection, callTimeoutMs, platform } = options
  const failure = (error: unknown, action: string, secrets: readonly string[] = []) =>
    toDockerFailure(error, {
      action,
      where: connection.endpoint,
      platform,
      ...(secrets.length > 0 ? { redact: createRedactor(secrets) } : {}),
    })
  return {
    // Only read inside `call` callbacks, which never run when construction failed.
    docker: options.docker as Dockerode,
    connection,
    callTimeoutMs,
    platform,
    failure,
    async call(action, run, callOptions = {}) {
      if (options.docker === null) return err(failure(options.constructionError, action))
      try {
        const value = await withTimeout(
          action,
          callOptions.timeoutMs ?? callTimeoutMs,
          run,
          callOptions.signal,
        )
        return ok(value)
      } catch (error) {
        return err(failure(error, action, callOptions.secrets))
      }
    },
  }
}
