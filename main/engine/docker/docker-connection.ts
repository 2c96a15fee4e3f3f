import { createHash } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { err, ok, type Result } from '../../../common/result'
import type { DockerFailure } from './docker-port'

/** The dockerode constructor options we set, as plain data (TLS material already read). */
export interface DockerConnectionOptions {
  readonly socketPath?: string
  readonly host?: string
  readonly port?: number
  readonly protocol?: 'http' | 'https'
  readonly ca?: string
  readonly cert?: string
  readonly key?: string
}

/** How to reach the daemon, resolved the way the `docker` CLI does, plus what to tell the user. */
export interface DockerConnection {
  /** Passed to `new Dockerode(...)`. */
  readonly options: DockerConnectionOptions
  /** The daemon's address alone, for "could not reach <endpoint>". */
  readonly endpoint: string
  /** Where it came from, for the UI: "unix:///var/run/docker.sock (context: default)". */
  readonly description: string
  /** A local unix socket (bind-mounted into runners given Docker access); null for tcp and npipe. */
  readonly socketPath: string | null
  /** TLS without checking the daemon's certificate (DOCKER_TLS, a context's SkipTLSVerify). */
  readonly skipTlsVerify: boolean
}

/** Reads a text file; `fs.promises.readFile` in production, a stub in tests. */
export type ReadTextFile = (filePath: string, encoding: 'utf8') => Promise<string>

type Env = Readonly<Record<string, string | undefined>>

interface TlsFiles {
  readonly ca?: string
  readonly cert?: string
  readonly key?: string
}

interface HostSettings {
  readonly tls: 'off' | 'verify' | 'no-verify'
  readonly tlsFiles: TlsFiles
  readonly source: string
}

const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock'
const DEFAULT_NPIPE = '//./pipe/docker_engine'

/**
 * Finds the daemon like the docker CLI (cli/command/cli.go resolveContextName): DOCKER_HOST, then
 * DOCKER_CONTEXT, then `currentContext` in $DOCKER_CONFIG/config.json, then the platform default.
 */
export async function resolveDockerConnection(
  env: Env = process.env,
  readFile: ReadTextFile = fsp.readFile,
  home: string = os.homedir(),
  platform: NodeJS.Platform = process.platform,
): Promise<Result<DockerConnection, DockerFailure>> {
  const configDir = nonEmpty(env.DOCKER_CONFIG) ?? path.join(home, '.docker')
  const dockerHost = nonEmpty(env.DOCKER_HOST)
  if (dockerHost) {
    const tlsVerify = truthy(env.DOCKER_TLS_VERIFY)
    const tls = tlsVerify ? 'verify' : truthy(env.DOCKER_TLS) ? 'no-verify' : 'off'
    let tlsFiles: TlsFiles = {}
    if (tls !== 'off' && dockerHost.startsWith('tcp://')) {
      const certDir = nonEmpty(env.DOCKER_CERT_PATH) ?? configDir
      tlsFiles = await readTlsFiles(readFile, certDir)
      if (tls === 'verify' && !(tlsFiles.ca && tlsFiles.cert && tlsFiles.key)) {
        return err(
          failure(
            'other',
            `DOCKER_TLS_VERIFY is set but the certificates ca.pem, cert.pem and key.pem could not be read from ${certDir}. Set DOCKER_CERT_PATH to the folder that holds them, then try again.`,
            `missing TLS files in ${certDir}`,
          ),
        )
      }
    }
    return parseDockerHost(dockerHost, { tls, tlsFiles, source: 'DOCKER_HOST' })
  }

  const fromEnv = nonEmpty(env.DOCKER_CONTEXT)
  const contextName = fromEnv ?? (await readCurrentContext(readFile, configDir)) ?? 'default'
  if (contextName === 'default') return ok(platformDefault(platform))

  const id = contextId(contextName)
  const metaPath = path.join(configDir, 'contexts', 'meta', id, 'meta.json')
  let metaText: string
  try {
    metaText = await readFile(metaPath, 'utf8')
  } catch (error) {
    const where = fromEnv ? 'DOCKER_CONTEXT' : path.join(configDir, 'config.json')
    return err(
      failure(
        'not-found',
        `The Docker context "${contextName}" (chosen in ${where}) does not exist. Run "docker context ls" to see your contexts, or "docker context use default", then try again.`,
        `cannot read ${metaPath}: ${errorMessage(error)}`,
      ),
    )
  }
  const endpoint = parseContextMeta(metaText)
  if (!endpoint) {
    return err(
      failure(
        'other',
        `The Docker context "${contextName}" has no Docker endpoint. Run "docker context inspect ${contextName}" to check it, then try again.`,
        `no Endpoints.docker.Host in ${metaPath}`,
      ),
    )
  }
  const tlsFiles = await readTlsFiles(
    readFile,
    path.join(configDir, 'contexts', 'tls', id, 'docker'),
  )
  const hasTls = Boolean(tlsFiles.ca || tlsFiles.cert)
  const tls = endpoint.skipTlsVerify ? 'no-verify' : hasTls ? 'verify' : 'off'
  return parseDockerHost(endpoint.host, { tls, tlsFiles, source: `context: ${contextName}` })
}

/** The daemon every Docker install listens on when nothing else is configured. */
export function platformDefault(platform: NodeJS.Platform): DockerConnection {
  const socket = platform === 'win32' ? DEFAULT_NPIPE : DEFAULT_UNIX_SOCKET
  const endpoint = platform === 'win32' ? `npipe://${socket}` : `unix://${socket}`
  return {
    options: { socketPath: socket },
    endpoint,
    description: `${endpoint} (context: default)`,
    socketPath: platform === 'win32' ? null : socket,
    skipTlsVerify: false,
  }
}

/** Turns a docker host address (unix://, npipe://, tcp://, or host:port) into connection options. */
export function parseDockerHost(
  host: string,
  settings: HostSettings,
): Result<DockerConnection, DockerFailure> {
  const described = (endpoint: string) => `${endpoint} (${settings.source})`
  if (host.startsWith('unix://')) {
    const socket = host.slice('unix://'.length) || DEFAULT_UNIX_SOCKET
    const endpoint = `unix://${socket}`
    return ok({
      options: { socketPath: socket },
      endpoint,
      description: described(endpoint),
      socketPath: socket,
      skipTlsVerify: false,
    })
  }
  if (host.startsWith('npipe://')) {
    const pipe = host.slice('npipe://'.length) || DEFAULT_NPIPE
    const endpoint = `npipe://${pipe}`
    return ok({
      options: { socketPath: pipe },
      endpoint,
      description: described(endpoint),
      socketPath: null,
      skipTlsVerify: false,
    })
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(host)?.[1]?.toLowerCase()
  if (scheme && scheme !== 'tcp') {
    return err(
      failure(
        'other',
        `RunnerDock cannot reach Docker over ${scheme}:// (set in ${settings.source}). Use a unix://, npipe:// or tcp:// address, then try again.`,
        `unsupported docker host scheme ${scheme}://`,
      ),
    )
  }
  const url = parseUrl(scheme ? host : `tcp://${host}`)
  if (!url?.hostname) {
    return err(
      failure(
        'other',
        `The Docker address set in ${settings.source} is not valid. Use an address like tcp://host:2376, then try again.`,
        'invalid docker host address',
      ),
    )
  }
  const secure = settings.tls !== 'off'
  const port = url.port ? Number(url.port) : secure ? 2376 : 2375
  const endpoint = `tcp://${url.hostname}:${port}`
  return ok({
    options: {
      host: url.hostname,
      port,
      protocol: secure ? 'https' : 'http',
      ...(secure ? settings.tlsFiles : {}),
    },
    endpoint,
    description: described(endpoint),
    socketPath: null,
    skipTlsVerify: settings.tls === 'no-verify',
  })
}

/** Reads `Endpoints.docker` from a context's meta.json; null when it has none. */
export function parseContextMeta(text: string): { host: string; skipTlsVerify: boolean } | null {
  let meta: unknown
  try {
    meta = JSON.parse(text)
  } catch {
    return null
  }
  const docker = field(field(meta, 'Endpoints'), 'docker')
  const host = field(docker, 'Host')
  if (typeof host !== 'string' || host === '') return null
  return { host, skipTlsVerify: field(docker, 'SkipTLSVerify') === true }
}

/** The folder name the docker CLI stores a context under: the sha256 hex of its name. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex')
}

async function readCurrentContext(
  readFile: ReadTextFile,
  configDir: string,
): Promise<string | null> {
  try {
    const config: unknown = JSON.parse(await readFile(path.join(configDir, 'config.json'), 'utf8'))
    const current = field(config, 'currentContext')
    return typeof current === 'string' && current !== '' ? current : null
  } catch {
    // Like the docker CLI: a missing or unreadable config.json means the default context.
    return null
  }
}

async function readTlsFiles(readFile: ReadTextFile, dir: string): Promise<TlsFiles> {
  const read = (name: string) => readFile(path.join(dir, name), 'utf8').catch(() => undefined)
  const [ca, cert, key] = await Promise.all([read('ca.pem'), read('cert.pem'), read('key.pem')])
  return {
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  }
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'
}

function failure(kind: DockerFailure['kind'], message: string, detail: string): DockerFailure {
  return { kind, message, detail }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
