import type { DockerContext } from './docker-call'
import { connectionClosed } from './docker-events'
import { DockerLogDecoder } from './docker-log-decoder'
import type { ContainerLogLine, DockerFailure, Subscription } from './docker-port'

// dockerode types its streams as NodeJS.ReadableStream; at run time they are http.IncomingMessage.
type Destroyable = NodeJS.ReadableStream & { destroy(): void }

/** Docker's `since` for an epoch-ms instant: "seconds.nanoseconds" (moby api/types/time). */
export function dockerSinceFromMs(ms: number): string {
  const whole = Math.floor(ms)
  const seconds = Math.floor(whole / 1000)
  const nanos = (whole - seconds * 1000) * 1_000_000
  return `${seconds}.${String(nanos).padStart(9, '0')}`
}

/**
 * Follows one container's log. `onEnd` fires exactly once: null when Docker ends the stream (the
 * container stopped or was removed), a failure when the call failed or the connection broke. After
 * stop() no callback fires at all, so a caller can stop one follow and start another for the same
 * container without the first one's `onEnd` looking like an exit.
 */
export function followContainerLogs(
  context: DockerContext,
  id: string,
  onLine: (line: ContainerLogLine) => void,
  onEnd: (failure: DockerFailure | null) => void,
  sinceMs?: number,
): Subscription {
  const controller = new AbortController()
  let stopped = false
  let ended = false
  let stream: Destroyable | null = null
  const action = 'follow the runner log'

  const finish = (failure: DockerFailure | null) => {
    if (ended || stopped) return
    ended = true
    onEnd(failure)
  }

  void context
    .call(
      action,
      (signal) =>
        context.docker.getContainer(id).logs({
          follow: true,
          stdout: true,
          stderr: true,
          timestamps: true,
          ...(sinceMs === undefined ? {} : { since: dockerSinceFromMs(sinceMs) }),
          abortSignal: signal,
        }),
      { signal: controller.signal },
    )
    .then((opened) => {
      if (stopped) {
        if (opened.ok) (opened.value as Destroyable).destroy()
        return
      }
      if (!opened.ok) return finish(opened.error)
      const current = opened.value as Destroyable
      stream = current
      const decoder = new DockerLogDecoder((line) => {
        if (!stopped && !ended) onLine(line)
      })
      let closed = false
      const close = (failure: DockerFailure | null) => {
        if (closed) return
        closed = true
        if (!stopped) decoder.end()
        finish(failure)
      }
      current.on('data', (chunk: Buffer) => decoder.push(chunk))
      current.on('end', () => close(null))
      current.on('error', (error: unknown) => close(context.failure(error, action)))
      current.on('close', () => close(context.failure(connectionClosed(), action)))
    })

  return {
    stop() {
      if (stopped) return
      stopped = true
      controller.abort()
      stream?.destroy()
      stream = null
    },
  }
}
