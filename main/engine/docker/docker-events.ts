import { daemonVersion, type DockerContext } from './docker-call'
import { createJsonStreamParser } from './docker-json-stream'
import type { ContainerEvent, DockerFailure, Subscription } from './docker-port'

/** How the watcher retries and checks on a quiet connection; the defaults suit a desktop app. */
export interface EventsTiming {
  /** First wait after losing Docker; doubles up to `retryMaxMs`. */
  readonly retryInitialMs: number
  readonly retryMaxMs: number
  /** While connected, ping this often: a frozen daemon or a dead TCP link leaves the stream silent. */
  readonly healthCheckMs: number
}

/** What `watchEvents` reports about the connection. */
export type ConnectionState = { connected: true } | { connected: false; failure: DockerFailure }

/**
 * The defaults: 250 ms doubling to 1 s, a health ping every 15 s. A failed connect to a daemon
 * that is away costs almost nothing, and the pool must see Docker back within seconds (a 5 s cap
 * made a daemon back just after an attempt look away for 5 s more: the chaos suite's
 * docker-return).
 */
export const DEFAULT_EVENTS_TIMING: EventsTiming = {
  retryInitialMs: 250,
  retryMaxMs: 1_000,
  healthCheckMs: 15_000,
}

// Actor.Attributes holds the container's labels plus these keys Docker adds (moby daemon/events.go).
const NON_LABEL_ATTRIBUTES = new Set([
  'image',
  'name',
  'exitCode',
  'signal',
  'execID',
  'execDuration',
])

/** A container event with the exact nanosecond time, needed to resubscribe without a gap. */
export interface ParsedEvent {
  readonly event: ContainerEvent
  readonly timeNano: bigint
}

/**
 * Maps one `/events` message to a ContainerEvent; null for anything that is not a container event.
 * `text` is the raw JSON: `timeNano` exceeds 2^53, so its exact value is read from the text.
 */
export function parseContainerEvent(value: unknown, text: string): ParsedEvent | null {
  if (typeof value !== 'object' || value === null) return null
  const message = value as Record<string, unknown>
  if ((message.Type ?? message.type) !== 'container') return null
  const actor = (message.Actor ?? {}) as Record<string, unknown>
  const id =
    typeof actor.ID === 'string' ? actor.ID : typeof message.id === 'string' ? message.id : null
  const action = typeof message.Action === 'string' ? message.Action : message.status
  if (id === null || typeof action !== 'string') return null
  const attributes = (actor.Attributes ?? {}) as Record<string, unknown>
  const labels: Record<string, string> = {}
  for (const [key, attribute] of Object.entries(attributes)) {
    if (typeof attribute === 'string' && !NON_LABEL_ATTRIBUTES.has(key)) labels[key] = attribute
  }
  const exit = attributes.exitCode
  const exitCode =
    action === 'die' && typeof exit === 'string' && /^-?\d+$/.test(exit) ? Number(exit) : null
  const exactNano = /"timeNano"\s*:\s*(\d+)/.exec(text)?.[1]
  const seconds = typeof message.time === 'number' ? message.time : 0
  const timeNano = exactNano !== undefined ? BigInt(exactNano) : BigInt(seconds) * 1_000_000_000n
  return {
    event: { id, action, labels, time: Number(timeNano / 1_000_000n), exitCode },
    timeNano,
  }
}

/** Docker's `since` for a nanosecond instant: "seconds.nanoseconds" (moby api/types/time). */
export function dockerSinceFromNano(nano: bigint): string {
  const seconds = nano / 1_000_000_000n
  const rest = nano % 1_000_000_000n
  return `${seconds}.${rest.toString().padStart(9, '0')}`
}

/** The Docker `label` filter for an exact match on every given label. */
export function labelFilters(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`)
}

/**
 * Follows `/events` for our containers: reconnects with backoff, resubscribes from the last event
 * seen (Docker replays its recent events from `since`, inclusive, so replays of that instant are
 * dropped), and reports connection changes. stop() leaves no timer, request or stream behind.
 */
export function watchContainerEvents(
  context: DockerContext,
  labels: Readonly<Record<string, string>>,
  onEvent: (event: ContainerEvent) => void,
  onConnection: (state: ConnectionState) => void,
  timing: EventsTiming = DEFAULT_EVENTS_TIMING,
): Subscription {
  const filters = { type: ['container'], label: labelFilters(labels) }
  let stopped = false
  let generation = 0
  let controller = new AbortController()
  let stream: NodeJS.ReadableStream | null = null
  let retryTimer: NodeJS.Timeout | null = null
  let healthTimer: NodeJS.Timeout | null = null
  let delay = timing.retryInitialMs
  let reported: 'connected' | DockerFailure['kind'] | null = null
  // Replay point after a reconnect: the last event delivered (and which ones at that instant), or
  // when the first subscription began if none was.
  let lastNano: bigint | null = null
  let seenAtLast = new Set<string>()
  let subscribedAtNano: bigint | null = null

  const report = (state: ConnectionState) => {
    const key = state.connected ? 'connected' : state.failure.kind
    if (key === reported) return
    reported = key
    onConnection(state)
  }

  const teardown = () => {
    generation++
    controller.abort()
    controller = new AbortController()
    if (healthTimer) clearTimeout(healthTimer)
    healthTimer = null
    if (stream) {
      const old = stream
      stream = null
      ;(old as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.()
    }
  }

  const lose = (failure: DockerFailure) => {
    if (stopped) return
    teardown()
    report({ connected: false, failure })
    retryTimer = setTimeout(connect, delay)
    delay = Math.min(delay * 2, timing.retryMaxMs)
  }

  const deliver = (parsed: ParsedEvent) => {
    const key = `${parsed.timeNano}|${parsed.event.id}|${parsed.event.action}`
    if (parsed.timeNano === lastNano && seenAtLast.has(key)) return
    if (lastNano === null || parsed.timeNano > lastNano) {
      lastNano = parsed.timeNano
      seenAtLast = new Set()
    }
    if (parsed.timeNano === lastNano) seenAtLast.add(key)
    onEvent(parsed.event)
  }

  const scheduleHealthCheck = (mine: number) => {
    healthTimer = setTimeout(async () => {
      healthTimer = null
      const alive = await context.call(
        'answer a health check',
        (signal) => daemonVersion(context.docker, signal),
        { signal: controller.signal },
      )
      if (stopped || mine !== generation) return
      if (alive.ok) scheduleHealthCheck(mine)
      else lose(alive.error)
    }, timing.healthCheckMs)
  }

  async function connect(): Promise<void> {
    retryTimer = null
    if (stopped) return
    const mine = generation
    const { signal } = controller
    const ping = await context.call('answer a ping', (s) => daemonVersion(context.docker, s), {
      signal,
    })
    if (stopped || mine !== generation) return
    if (!ping.ok) return lose(ping.error)
    const startedAtNano = BigInt(Date.now()) * 1_000_000n
    const replayFrom = lastNano ?? subscribedAtNano
    const since = replayFrom === null ? undefined : dockerSinceFromNano(replayFrom)
    const opened = await context.call(
      'stream its events',
      (s) =>
        context.docker.getEvents({
          filters,
          ...(since === undefined ? {} : { since: since as unknown as number }),
          abortSignal: s,
        } as Parameters<typeof context.docker.getEvents>[0]),
      { signal },
    )
    if (stopped || mine !== generation) {
      if (opened.ok) (opened.value as NodeJS.ReadableStream & { destroy(): void }).destroy()
      return
    }
    if (!opened.ok) return lose(opened.error)
    stream = opened.value
    subscribedAtNano ??= startedAtNano
    const parser = createJsonStreamParser((value, text) => {
      if (stopped || mine !== generation) return
      const parsed = parseContainerEvent(value, text)
      if (parsed) deliver(parsed)
    })
    let done = false
    const broken = (error: unknown) => {
      if (done || stopped || mine !== generation) return
      done = true
      parser.end()
      lose(context.failure(error, 'stream its events'))
    }
    stream.on('data', (chunk: Buffer) => parser.push(chunk))
    stream.on('error', broken)
    stream.on('end', () => broken(connectionClosed()))
    stream.on('close', () => broken(connectionClosed()))
    delay = timing.retryInitialMs
    report({ connected: true })
    scheduleHealthCheck(mine)
  }

  void connect()
  return {
    stop() {
      if (stopped) return
      stopped = true
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = null
      teardown()
    },
  }
}

/** The error for a stream the daemon closed: read as "Docker went away". */
export function connectionClosed(): Error {
  return Object.assign(new Error('socket hang up: Docker closed the stream'), {
    code: 'ECONNRESET',
  })
}
