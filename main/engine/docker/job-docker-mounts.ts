import path from 'node:path'
import { canonicalKeys, isObject, type JsonObject } from './go-json-keys'

// What a job's containers may mount. The daemon resolves bind sources on its own host, so a job
// that names /etc mounts the host's /etc: only the runner's work folder (the same path on the host
// and in the runner) may be bound, plus sources the runner names that the daemon must find
// elsewhere ("translations": /var/run/docker.sock is this runner's proxy socket; the runner's
// externals folder lives in a volume). Pure.

/** A source the runner names, and what the daemon must be given instead (a host path or a volume). */
export interface PathTranslation {
  readonly from: string
  readonly to: string
}

/** The mount rules of one runner. */
export interface MountBounds {
  /** Absolute; binds inside it are passed as they are. */
  readonly workFolder: string
  readonly translations: readonly PathTranslation[]
}

/** A mount source the job may use, possibly rewritten, or why not. */
export type SourceVerdict =
  | {
      readonly ok: true
      /** What the daemon gets. */
      readonly source: string
      /** A host path inside the work folder, to be checked for symbolic links leading out. */
      readonly hostPath: string | null
    }
  | { readonly ok: false; readonly message: string }

/** Whether `child` is `folder` or inside it (both absolute, normalized). */
export function isInside(child: string, folder: string): boolean {
  const base = folder.endsWith('/') ? folder.slice(0, -1) : folder
  return child === base || child.startsWith(`${base}/`)
}

/** Decides one bind or mount source: a volume name, a translated path, or a path in the work folder. */
export function checkSource(source: string, bounds: MountBounds): SourceVerdict {
  if (!source.startsWith('/')) return { ok: true, source, hostPath: null }
  const normalized = path.posix.normalize(source).replace(/(.)\/$/, '$1')
  for (const t of bounds.translations) {
    if (normalized === t.from) return { ok: true, source: t.to, hostPath: null }
    if (normalized.startsWith(`${t.from}/`)) {
      if (!t.to.startsWith('/'))
        return {
          ok: false,
          message: `it mounts ${source}, a part of ${t.from}, which RunnerDock provides only as a whole; mount ${t.from} itself`,
        }
      return { ok: true, source: t.to + normalized.slice(t.from.length), hostPath: null }
    }
  }
  if (isInside(normalized, path.posix.normalize(bounds.workFolder)))
    return { ok: true, source: normalized, hostPath: normalized }
  return {
    ok: false,
    message: `it mounts ${source} from the host, which is outside the job's work folder ${bounds.workFolder}; mount files from the job's workspace instead`,
  }
}

/** The binds and mounts of a create request, rewritten, with the host paths to verify. */
export type MountsVerdict =
  | {
      readonly ok: true
      readonly binds: string[] | undefined
      readonly mounts: JsonObject[] | undefined
      readonly hostPaths: string[]
    }
  | { readonly ok: false; readonly message: string }

const MOUNT_FIELDS = [
  'Type',
  'Source',
  'Target',
  'ReadOnly',
  'Consistency',
  'BindOptions',
  'VolumeOptions',
  'TmpfsOptions',
]
const VOLUME_OPTION_FIELDS = ['NoCopy', 'Labels', 'DriverConfig', 'Subpath']
const DRIVER_CONFIG_FIELDS = ['Name', 'Options']

/** Checks `HostConfig.Binds` ("source:target[:options]") and `HostConfig.Mounts`. */
export function checkMounts(binds: unknown, mounts: unknown, bounds: MountBounds): MountsVerdict {
  const hostPaths: string[] = []
  let outBinds: string[] | undefined
  if (binds !== undefined && binds !== null) {
    if (!Array.isArray(binds) || !binds.every((b) => typeof b === 'string'))
      return { ok: false, message: 'HostConfig.Binds must be a list of strings' }
    outBinds = []
    for (const bind of binds as string[]) {
      const colon = bind.indexOf(':')
      const source = colon < 0 ? bind : bind.slice(0, colon)
      const rest = colon < 0 ? '' : bind.slice(colon)
      const verdict = checkSource(source, bounds)
      if (!verdict.ok) return verdict
      if (verdict.hostPath) hostPaths.push(verdict.hostPath)
      outBinds.push(verdict.source + rest)
    }
  }
  let outMounts: JsonObject[] | undefined
  if (mounts !== undefined && mounts !== null) {
    if (!Array.isArray(mounts) || !mounts.every(isObject))
      return { ok: false, message: 'HostConfig.Mounts must be a list of objects' }
    outMounts = []
    for (const raw of mounts) {
      const mount = canonicalKeys(raw, MOUNT_FIELDS)
      const type = String(mount.Type ?? '').toLowerCase()
      if (type === 'bind') {
        const verdict = checkSource(String(mount.Source ?? ''), bounds)
        if (!verdict.ok) return verdict
        if (verdict.hostPath) hostPaths.push(verdict.hostPath)
        const toVolume = !verdict.source.startsWith('/')
        outMounts.push({
          ...mount,
          Type: toVolume ? 'volume' : mount.Type,
          Source: verdict.source,
          ...(toVolume ? { BindOptions: undefined } : {}),
        })
      } else if (type === 'volume') {
        const problem = volumeOptionsProblem(mount.VolumeOptions)
        if (problem) return { ok: false, message: problem }
        outMounts.push(mount)
      } else if (type === 'npipe') {
        return { ok: false, message: 'it mounts a named pipe of the host' }
      } else outMounts.push(mount)
    }
  }
  return { ok: true, binds: outBinds, mounts: outMounts, hostPaths }
}

/**
 * Why a volume's driver options are refused: the local driver's `device` (and `o=bind`) turn a
 * volume into a mount of any host path or device.
 */
export function driverOptionsProblem(options: unknown): string | null {
  if (!isObject(options)) return null
  const keys = Object.keys(options).map((k) => k.toLowerCase())
  if (keys.includes('device'))
    return 'its volume options name a host device or path ("device"); jobs may create only plain volumes'
  const o = Object.entries(options).find(([k]) => k.toLowerCase() === 'o')?.[1]
  if (typeof o === 'string' && /(^|,)\s*(r?bind)\s*(,|$)/i.test(o))
    return 'its volume options bind a host path ("o=bind"); jobs may create only plain volumes'
  return null
}

function volumeOptionsProblem(value: unknown): string | null {
  if (!isObject(value)) return null
  const options = canonicalKeys(value, VOLUME_OPTION_FIELDS)
  if (!isObject(options.DriverConfig)) return null
  const driver = canonicalKeys(options.DriverConfig, DRIVER_CONFIG_FIELDS)
  return driverOptionsProblem(driver.Options)
}
