import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Result } from '../../../common/result'
import { createDockerPort } from './create-docker-port'
import { parseDockerHost, type DockerConnection } from './docker-connection'
import type { DockerFailure } from './docker-port'
import {
  colimaHome,
  engineCandidates,
  engineFix,
  podmanMachineRoot,
  podmanTmpRoot,
  type DockerContextEntry,
  type EngineCandidate,
} from './engine-sockets'

type Env = Readonly<Record<string, string | undefined>>

/** An engine that answered, and what to set so RunnerDock uses it. */
export interface FoundEngine extends EngineCandidate {
  readonly apiVersion: string
  readonly fix: string
}

/** The file system calls the prober makes; replaceable in tests. */
export interface ProbeFs {
  readDir(dir: string): Promise<string[]>
  isSocket(file: string): Promise<boolean>
  readFile(file: string): Promise<string>
}

/** Options for `findDockerEngines`; everything but `env` has a real default. */
export interface EngineProbeOptions {
  readonly env: Env
  readonly home?: string
  readonly platform?: NodeJS.Platform
  /** The endpoint that already failed (DOCKER_HOST or the active context): not pinged again. */
  readonly exclude?: string | null
  readonly fs?: ProbeFs
  /** Pings one engine; the real Docker adapter by default. */
  readonly ping?: (
    connection: DockerConnection,
  ) => Promise<Result<{ apiVersion: string }, DockerFailure>>
  readonly timeoutMs?: number
}

const realFs: ProbeFs = {
  readDir: (dir) => fsp.readdir(dir).catch(() => []),
  isSocket: (file) =>
    fsp.stat(file).then(
      (s) => s.isSocket(),
      () => false,
    ),
  readFile: (file) => fsp.readFile(file, 'utf8'),
}

/**
 * Looks for other Docker-compatible engines when the configured one does not answer: lists the
 * candidate sockets for this platform (`engineCandidates`), pings those that exist with the real
 * Docker adapter, and says for each that answers what to set. Also returns how many places it
 * looked, for "nothing found" messages.
 */
export async function findDockerEngines(
  options: EngineProbeOptions,
): Promise<{ found: FoundEngine[]; looked: number }> {
  const fs = options.fs ?? realFs
  const home = options.home ?? os.homedir()
  const platform = options.platform ?? process.platform
  const env = options.env
  const tmpdir = env.TMPDIR?.trim() || os.tmpdir()
  const [colimaProfiles, podmanMachineDirs, podmanTmpFiles, contexts] = await Promise.all([
    fs.readDir(colimaHome(env, home)),
    platform === 'darwin' ? fs.readDir(podmanMachineRoot(env, home)) : Promise.resolve([]),
    platform === 'darwin' ? fs.readDir(podmanTmpRoot(tmpdir)) : Promise.resolve([]),
    readDockerContexts(fs, env, home),
  ])
  const candidates = engineCandidates(
    {
      platform,
      env,
      home,
      uid: typeof process.getuid === 'function' ? process.getuid() : null,
      tmpdir,
      colimaProfiles,
      podmanMachineDirs,
      podmanTmpFiles,
    },
    options.exclude ?? null,
  )
  const ping =
    options.ping ??
    ((connection: DockerConnection) =>
      createDockerPort({ connection, callTimeoutMs: options.timeoutMs ?? 3000, platform }).ping())
  const answers = await Promise.all(
    candidates.map(async (candidate) => {
      // Named pipes cannot be stat'ed as sockets; they are simply pinged.
      if (candidate.endpoint.startsWith('unix://') && !(await fs.isSocket(candidate.path)))
        return null
      const connection = parseDockerHost(candidate.endpoint, {
        tls: 'off',
        tlsFiles: {},
        source: candidate.engine,
      })
      if (!connection.ok) return null
      const pinged = await ping(connection.value)
      if (!pinged.ok) return null
      return {
        ...candidate,
        apiVersion: pinged.value.apiVersion,
        fix: engineFix(candidate, contexts, platform),
      }
    }),
  )
  return { found: answers.filter((a): a is FoundEngine => a !== null), looked: candidates.length }
}

/** The docker CLI's contexts (name and endpoint), read from $DOCKER_CONFIG/contexts/meta. */
export async function readDockerContexts(
  fs: Pick<ProbeFs, 'readDir' | 'readFile'>,
  env: Env,
  home: string,
): Promise<DockerContextEntry[]> {
  const configDir = env.DOCKER_CONFIG?.trim() || path.join(home, '.docker')
  const metaDir = path.join(configDir, 'contexts', 'meta')
  const ids = await fs.readDir(metaDir)
  const entries = await Promise.all(
    ids.map((id) =>
      fs.readFile(path.join(metaDir, id, 'meta.json')).then(parseContextEntry, () => null),
    ),
  )
  return entries.filter((e): e is DockerContextEntry => e !== null)
}

/** A context's name and docker endpoint from its meta.json; null when it has neither. */
export function parseContextEntry(text: string): DockerContextEntry | null {
  try {
    const meta = JSON.parse(text) as {
      Name?: unknown
      Endpoints?: { docker?: { Host?: unknown } }
    }
    const host = meta.Endpoints?.docker?.Host
    return typeof meta.Name === 'string' && typeof host === 'string'
      ? { name: meta.Name, host }
      : null
  } catch {
    return null
  }
}
