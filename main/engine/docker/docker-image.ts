import { err, ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import { dockerSays } from './docker-errors'
import { createJsonStreamParser } from './docker-json-stream'
import type { DockerFailure, PullProgress } from './docker-port'

/** How long a pull may go without any progress message before it counts as stuck. */
export const DEFAULT_PULL_STALL_MS = 120_000

interface LayerProgress {
  current: number
  total: number
}

// Layer phases after which a layer's bytes are all on disk (moby distribution/pull_v2.go).
const LAYER_DONE = new Set(['Download complete', 'Verifying Checksum', 'Pull complete'])

/**
 * Folds Docker's per-layer pull messages into one figure. Only download bytes count (extraction
 * reports the same layer's size a second time); a layer that has finished downloading counts
 * whole. Pure, so it is unit-tested with recorded pull output.
 */
export class PullProgressAggregator {
  private readonly layers = new Map<string, LayerProgress>()
  private status = 'Pulling'

  /** Takes one message from the pull stream; returns the new aggregate, or null if nothing changed. */
  update(message: unknown): PullProgress | null {
    if (typeof message !== 'object' || message === null) return null
    const m = message as Record<string, unknown>
    const status = typeof m.status === 'string' ? m.status : null
    if (status === null) return null
    const id = typeof m.id === 'string' ? m.id : null
    const detail = (m.progressDetail ?? {}) as Record<string, unknown>
    if (
      id !== null &&
      id !== '' &&
      status !== 'Pulling from' &&
      !status.startsWith('Pulling from')
    ) {
      const layer = this.layers.get(id) ?? { current: 0, total: 0 }
      this.layers.set(id, layer)
      const current = typeof detail.current === 'number' ? detail.current : null
      const total = typeof detail.total === 'number' ? detail.total : null
      if (status === 'Downloading' && current !== null) {
        layer.current = current
        if (total !== null && total > 0) layer.total = total
      } else if (LAYER_DONE.has(status) || status.startsWith('Extracting')) {
        if (status.startsWith('Extracting') && total !== null && layer.total === 0)
          layer.total = total
        layer.current = layer.total
      }
    }
    this.status = status
    return this.snapshot()
  }

  /** The aggregate now. */
  snapshot(): PullProgress {
    let currentBytes = 0
    let totalBytes = 0
    for (const layer of this.layers.values()) {
      currentBytes += Math.min(layer.current, layer.total || layer.current)
      totalBytes += layer.total
    }
    return { currentBytes, totalBytes, status: this.status }
  }
}

// Registry host, path, tag and digest characters (distribution/reference); rejects spaces, '?', '#'.
const IMAGE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._\/:@-]*$/

/** Whether a string can be an image reference, checked before it goes into a request path. */
export function isImageReference(image: string): boolean {
  return IMAGE_REFERENCE.test(image)
}

/** The failure for an image name Docker could never accept. */
export function invalidImage(image: string): DockerFailure {
  return {
    kind: 'other',
    message:
      image.trim() === ''
        ? 'No runner image is set. Choose an image in Settings, then try again.'
        : `"${image}" is not a valid image name. Use a name like ghcr.io/actions/actions-runner:latest in Settings, then try again.`,
    detail: `invalid image reference ${JSON.stringify(image)}`,
  }
}

/** The error a pull stream reports in-band (`{"error": …, "errorDetail": {…}}`), if any. */
export function pullStreamError(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null
  const m = message as Record<string, unknown>
  if (typeof m.error === 'string') return m.error
  const detail = m.errorDetail as Record<string, unknown> | undefined
  return typeof detail?.message === 'string' ? detail.message : null
}

/** Whether the image is on this machine; never pulls (for the doctor's checks). */
export async function imagePresent(
  context: DockerContext,
  image: string,
): Promise<Result<boolean, DockerFailure>> {
  if (!isImageReference(image)) return err(invalidImage(image))
  const found = await context.call('look up the runner image', (signal) =>
    inspectImage(context, image, signal),
  )
  if (found.ok) return ok(true)
  return found.error.kind === 'not-found' ? ok(false) : found
}

/** Finds the image locally, else pulls it; a local-only image that cannot be pulled is fine. */
export async function ensureImage(
  context: DockerContext,
  image: string,
  onProgress: (p: PullProgress) => void,
  stallMs: number = DEFAULT_PULL_STALL_MS,
): Promise<Result<{ pulled: boolean }, DockerFailure>> {
  if (!isImageReference(image)) return err(invalidImage(image))
  const found = await context.call('look up the runner image', (signal) =>
    inspectImage(context, image, signal),
  )
  if (found.ok) return ok({ pulled: false })
  if (found.error.kind !== 'not-found') return found
  const pulled = await pullImage(context, image, onProgress, stallMs)
  if (pulled.ok) return ok({ pulled: true })
  return pulled
}

// dockerode's Image.inspect takes no abort signal, so this dials the same endpoint with one.
function inspectImage(
  context: DockerContext,
  image: string,
  signal: AbortSignal,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    context.docker.modem.dial(
      {
        path: `/images/${image}/json`,
        method: 'GET',
        abortSignal: signal,
        statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
      },
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
    )
  })
}

/** Pulls an image with progress; a stream that stalls for `stallMs` fails as a timeout. */
export async function pullImage(
  context: DockerContext,
  image: string,
  onProgress: (p: PullProgress) => void,
  stallMs: number,
): Promise<Result<void, DockerFailure>> {
  const action = `pull ${image}`
  const notPullable = (reason: string, detail: string): DockerFailure => ({
    kind: 'not-found',
    message: `The image ${image} is not on this machine and could not be pulled: ${reason} Build or load it locally, or check its name, your registry login (docker login) and your network, then try again.`,
    detail,
  })
  const opened = await context.call(action, (signal) =>
    context.docker.pull(image, { abortSignal: signal }),
  )
  if (!opened.ok) {
    const failure = opened.error
    if (
      failure.kind === 'unreachable' ||
      failure.kind === 'permission' ||
      failure.kind === 'timeout'
    ) {
      return opened
    }
    return err(notPullable(dockerSays({ message: failure.detail }), failure.detail))
  }
  const stream = opened.value as NodeJS.ReadableStream & { destroy(): void }
  const aggregator = new PullProgressAggregator()
  return new Promise((resolve) => {
    let settled = false
    let stallTimer: NodeJS.Timeout | undefined
    const settle = (result: Result<void, DockerFailure>) => {
      if (settled) return
      settled = true
      clearTimeout(stallTimer)
      parser.end()
      stream.destroy()
      resolve(result)
    }
    const armStallTimer = () => {
      clearTimeout(stallTimer)
      stallTimer = setTimeout(() => {
        settle(
          err({
            kind: 'timeout',
            message: `Pulling ${image} made no progress for ${Math.round(stallMs / 1000)} s. Check your network or registry, then try again.`,
            detail: `pull stalled for ${stallMs} ms`,
          }),
        )
      }, stallMs)
    }
    const parser = createJsonStreamParser((message) => {
      if (settled) return
      armStallTimer()
      const inBand = pullStreamError(message)
      if (inBand !== null) return settle(err(notPullable(dockerSays({ message: inBand }), inBand)))
      const progress = aggregator.update(message)
      if (progress) onProgress(progress)
    })
    armStallTimer()
    stream.on('data', (chunk: Buffer) => parser.push(chunk))
    stream.on('end', () => settle(ok(undefined)))
    stream.on('error', (error: unknown) => settle(err(context.failure(error, action))))
    stream.on('close', () =>
      settle(
        err(context.failure(new Error('socket hang up: the pull stream closed early'), action)),
      ),
    )
  })
}
