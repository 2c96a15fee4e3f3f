import https from 'node:https'
import Dockerode from 'dockerode'
import { ok } from '../../../common/result'
import { createDockerContext, daemonVersion, type DockerContext } from './docker-call'
import type { DockerConnection } from './docker-connection'
import {
  listContainers,
  removeContainer,
  runRunner,
  stopContainer,
  type StatSocket,
} from './docker-containers'
import { DEFAULT_EVENTS_TIMING, watchContainerEvents, type EventsTiming } from './docker-events'
import { DEFAULT_PULL_STALL_MS, ensureImage, imagePresent } from './docker-image'
import { followContainerLogs } from './docker-logs'
import { imageFacts, refreshImage, remoteDigest } from './docker-image-refresh'
import { ensureNetwork, networkExists } from './docker-network'
import type { DockerPort } from './docker-port'

/** Everything the adapter needs; only `connection` is required (see resolveDockerConnection). */
export interface DockerPortOptions {
  readonly connection: DockerConnection
  /** Deadline for each request until Docker answers (streams: until they open). Default 15 s. */
  readonly callTimeoutMs?: number
  /** Event-stream reconnect and health-check timing. */
  readonly events?: Partial<EventsTiming>
  /** How long a pull may show no progress before it counts as stuck. Default 120 s. */
  readonly pullStallMs?: number
  /** Reads the host socket's group for GroupAdd; replaceable in tests. */
  readonly statSocket?: StatSocket
  readonly platform?: NodeJS.Platform
}

/** Default deadline per Docker call. */
export const DEFAULT_CALL_TIMEOUT_MS = 15_000

/**
 * The engine's Docker adapter over dockerode: every call has a deadline and answers with a Result,
 * streams are parsed here, and nothing is decided here.
 */
export function createDockerPort(options: DockerPortOptions): DockerPort {
  const { connection } = options
  const context = dockerContextFor(connection, options)
  const timing: EventsTiming = { ...DEFAULT_EVENTS_TIMING, ...options.events }
  const pullStallMs = options.pullStallMs ?? DEFAULT_PULL_STALL_MS

  return {
    async ping() {
      const version = await context.call('answer a ping', (signal) =>
        daemonVersion(context.docker, signal),
      )
      if (!version.ok) return version
      return ok({
        apiVersion: String(version.value.ApiVersion ?? ''),
        os: String(version.value.Os ?? ''),
        arch: String(version.value.Arch ?? ''),
      })
    },
    ensureNetwork: (name, labels) => ensureNetwork(context, name, labels),
    imagePresent: (image) => imagePresent(context, image),
    networkExists: (name) => networkExists(context, name),
    ensureImage: (image, onProgress) => ensureImage(context, image, onProgress, pullStallMs),
    imageFacts: (image) => imageFacts(context, image),
    remoteDigest: (image) => remoteDigest(context, image),
    refreshImage: (image, onProgress) => refreshImage(context, image, onProgress, pullStallMs),
    runRunner: (spec) => runRunner(context, spec, options.statSocket),
    remove: (id) => removeContainer(context, id),
    stop: (id, graceSeconds) => stopContainer(context, id, graceSeconds),
    list: (labels) => listContainers(context, labels),
    followLogs: (id, onLine, onEnd, sinceMs) =>
      followContainerLogs(context, id, onLine, onEnd, sinceMs),
    watchEvents: (labels, onEvent, onConnection) =>
      watchContainerEvents(context, labels, onEvent, onConnection, timing),
  }
}

/**
 * One dockerode client for a connection inside the shared call context (deadlines, failures in
 * the user's words). docker-modem reads DOCKER_HOST/DOCKER_CERT_PATH from process.env itself
 * (synchronously) and throws if those certificates are missing: every call then answers with
 * that failure instead of the constructor throwing.
 */
export function dockerContextFor(
  connection: DockerConnection,
  options: { readonly callTimeoutMs?: number; readonly platform?: NodeJS.Platform } = {},
): DockerContext {
  let docker: Dockerode | null = null
  let constructionError: unknown = null
  try {
    docker = new Dockerode(dockerodeOptions(connection))
  } catch (error) {
    constructionError = error
  }
  return createDockerContext({
    docker,
    constructionError,
    connection,
    callTimeoutMs: options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    platform: options.platform ?? process.platform,
  })
}

/**
 * dockerode options with every connection key set explicitly: docker-modem merges its own reading of
 * process.env under ours, so an unset key would let a stray DOCKER_HOST override the resolved one.
 */
export function dockerodeOptions(connection: DockerConnection): Dockerode.DockerOptions {
  const o = connection.options
  const options: Dockerode.DockerOptions & { agent?: https.Agent } = {
    socketPath: o.socketPath,
    host: o.host,
    port: o.port,
    protocol: o.protocol,
    ca: o.ca,
    cert: o.cert,
    key: o.key,
    timeout: undefined,
  }
  if (connection.skipTlsVerify && o.protocol === 'https') {
    const tls = { ...(o.cert ? { cert: o.cert } : {}), ...(o.key ? { key: o.key } : {}) }
    options.agent = new https.Agent({ rejectUnauthorized: false, ...tls })
  }
  return options
}
