import { promises as fsp } from 'node:fs'
import path from 'node:path'
import { err, ok, type Result } from '../../../common/result'

// Per-runner host folders. Every runner gets <base>/<runner>/_diag as its /home/runner/_diag: the
// runner writes its job's step output there (page files) and RunnerDock reads it
// (runner-setup/diag-attachment.ts). Docker-using jobs add two: through a host daemon, a job's bind
// mounts are resolved on the host, so the runner's work folder must exist at the same absolute
// path on the host and in the runner: <base>/<runner>/work, mounted at that path and given to the
// runner as its work folder; and <base>/<runner>/docker.sock is its Docker proxy. Where <base> is,
// and why, is in docs/platform-notes.md ("Folders for jobs that use Docker").

/** The official image's runner user (docs/github-facts.md): it must write the work folder. */
export const RUNNER_UID = 1001
/** The official image's runner group. */
export const RUNNER_GID = 1001

/** Where the runner keeps its diagnostics inside its container. */
export const DIAG_IN_RUNNER = '/home/runner/_diag'

/** One runner's folders on the host. */
export interface RunnerFolders {
  readonly root: string
  readonly work: string
  readonly diag: string
  /** The runner's Docker proxy socket. */
  readonly socket: string
}

/**
 * Where runners' folders live: `<config folder>/jobs`, except on macOS, where the config folder
 * ("Library/Application Support") has a space that breaks job scripts and is long for a socket,
 * so `~/.runnerdock/jobs` (like ~/.colima, ~/.orbstack, ~/.rd). Both are under the home folder,
 * which every VM-based engine shares with its VM by default; os.tmpdir() is not shared by all
 * (Colima, Docker Desktop for Linux) and may be RAM. A config folder chosen with
 * RUNNERDOCK_CONFIG_DIR is honoured on every platform.
 */
export function jobFoldersBase(input: {
  readonly configDir: string
  readonly home: string
  readonly platform: NodeJS.Platform
  readonly env: Readonly<Record<string, string | undefined>>
}): string {
  const chosen = input.env.RUNNERDOCK_CONFIG_DIR?.trim()
  if (input.platform === 'win32') return path.win32.join(input.configDir, 'jobs')
  if (input.platform === 'darwin' && !chosen)
    return path.posix.join(input.home, '.runnerdock', 'jobs')
  return path.posix.join(input.configDir, 'jobs')
}

const RUNNER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/

/**
 * One runner's folder paths, or why its diagnostics folder cannot be mounted: a colon (a bind
 * "source:target" splits on it; a Windows drive letter is fine).
 */
export function runnerFolderPaths(base: string, runnerName: string): Result<RunnerFolders, string> {
  if (!RUNNER_NAME.test(runnerName)) return err(`"${runnerName}" is not a runner name.`)
  const root = path.posix.join(base, runnerName)
  if (root.replace(/^[A-Za-z]:/, '').includes(':'))
    return err(
      `The runner folder ${base} contains a colon, which Docker cannot mount. Set RUNNERDOCK_CONFIG_DIR to a folder without one.`,
    )
  return ok({
    root,
    work: path.posix.join(root, 'work'),
    diag: path.posix.join(root, '_diag'),
    socket: path.posix.join(root, 'docker.sock'),
  })
}

/**
 * One runner's folder paths for Docker-using jobs, or why they cannot work: a socket path longer
 * than the platform allows (104 bytes on macOS, 108 on Linux, with the final NUL), or a work path
 * with spaces or colons (a bind "source:target" splits on colons, and unquoted job scripts split
 * on spaces).
 */
export function runnerFolders(
  base: string,
  runnerName: string,
  platform: NodeJS.Platform = process.platform,
): Result<RunnerFolders, string> {
  if (!RUNNER_NAME.test(runnerName)) return err(`"${runnerName}" is not a runner name.`)
  const root = path.posix.join(base, runnerName)
  const folders = {
    root,
    work: path.posix.join(root, 'work'),
    diag: path.posix.join(root, '_diag'),
    socket: path.posix.join(root, 'docker.sock'),
  }
  if (/[\s:]/.test(folders.work))
    return err(
      `The job folder ${base} contains a space or a colon, which breaks jobs' bind mounts and scripts. Set RUNNERDOCK_CONFIG_DIR to a folder without them.`,
    )
  const limit = platform === 'darwin' ? 103 : 107
  if (Buffer.byteLength(folders.socket) > limit)
    return err(
      `The job Docker socket path ${folders.socket} is longer than ${limit} bytes, the most a socket may have here. Set RUNNERDOCK_CONFIG_DIR to a shorter folder.`,
    )
  return ok(folders)
}

/** The bind that gives a runner its diagnostics folder (every runner has one). */
export function diagFolderBind(folders: RunnerFolders): string {
  return `${folders.diag}:${DIAG_IN_RUNNER}`
}

/** The optional RunnerContainerSpec fields that give a Docker-using runner its work folder and socket. */
export function jobFolderMounts(folders: RunnerFolders): {
  workFolder: string
  dockerSocketSource: string
} {
  return { workFolder: folders.work, dockerSocketSource: folders.socket }
}

/** The folders under a runner's root that its container writes. */
export type SharedFolder = 'work' | 'diag'

/**
 * The folders the runner makes in its diagnostics folder (PagingLogger: `pages` for the job's log
 * pages, `blocks` for its Results uploads). Made beforehand, they are ours: the files the runner
 * writes in them can be deleted without root.
 */
export const DIAG_SUBFOLDERS = ['pages', 'blocks'] as const

/**
 * Creates a runner's root and the given folders in it. The root is private (0700: its socket is
 * the runner's Docker); the work and diagnostics folders belong to uid 1001 when RunnerDock runs
 * as root, and are open to all (0777) otherwise, since an ordinary user cannot give files away
 * (rootless engines map uid 1001 elsewhere too).
 */
export async function createRunnerFolders(
  folders: RunnerFolders,
  options: { readonly uid?: number | null; readonly only?: readonly SharedFolder[] } = {},
): Promise<Result<RunnerFolders, string>> {
  const uid = options.uid !== undefined ? options.uid : (process.getuid?.() ?? null)
  const only = options.only ?? ['work', 'diag']
  const shared = only.map((name) => folders[name])
  if (only.includes('diag'))
    shared.push(...DIAG_SUBFOLDERS.map((sub) => path.posix.join(folders.diag, sub)))
  try {
    await fsp.mkdir(folders.root, { recursive: true, mode: 0o700 })
    await fsp.chmod(folders.root, 0o700)
    for (const folder of shared) {
      await fsp.mkdir(folder, { recursive: true })
      if (uid === 0) await fsp.chown(folder, RUNNER_UID, RUNNER_GID)
      else await fsp.chmod(folder, 0o777)
    }
    return ok(folders)
  } catch (error) {
    return err(
      `RunnerDock could not create the runner's folders under ${folders.root}: ${error instanceof Error ? error.message : String(error)}. Check that the folder can be written.`,
    )
  }
}

/**
 * Removes a runner's folders. Files its jobs made (uid 1001, or root through sudo) may not be
 * deletable by an ordinary user: `emptyAsRoot` (a root container, job-resources.ts) empties such
 * a folder first.
 */
export async function removeRunnerFolders(
  folders: RunnerFolders,
  emptyAsRoot?: (folder: string) => Promise<Result<void, { message: string }>>,
  rm: (folder: string) => Promise<void> = (folder) =>
    fsp.rm(folder, { recursive: true, force: true }),
): Promise<Result<void, string>> {
  return removeFolder(folders.root, [folders.work, folders.diag], emptyAsRoot, rm)
}

/** Removes one folder a runner's container wrote (its work folder), as `removeRunnerFolders` does. */
export async function removeSharedFolder(
  folder: string,
  emptyAsRoot?: (folder: string) => Promise<Result<void, { message: string }>>,
  rm: (folder: string) => Promise<void> = (f) => fsp.rm(f, { recursive: true, force: true }),
): Promise<Result<void, string>> {
  return removeFolder(folder, [folder], emptyAsRoot, rm)
}

async function removeFolder(
  folder: string,
  written: readonly string[],
  emptyAsRoot: ((folder: string) => Promise<Result<void, { message: string }>>) | undefined,
  rm: (folder: string) => Promise<void>,
): Promise<Result<void, string>> {
  try {
    await rm(folder)
    return ok(undefined)
  } catch (first) {
    if (!emptyAsRoot) return err(removalFailure(folder, first))
    for (const inner of written) {
      // A folder already gone needs no emptying (a bind of a missing source would create it).
      if (!(await exists(inner))) continue
      const emptied = await emptyAsRoot(inner)
      if (!emptied.ok) return err(emptied.error.message)
    }
    try {
      await rm(folder)
      return ok(undefined)
    } catch (second) {
      return err(removalFailure(folder, second))
    }
  }
}

async function exists(folder: string): Promise<boolean> {
  return fsp.stat(folder).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
  )
}

/** Names of the runner folders under `base` (a sweep removes those of runners gone). */
export async function runnerFolderNames(base: string): Promise<string[]> {
  const entries = await fsp.readdir(base, { withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isDirectory() && RUNNER_NAME.test(e.name)).map((e) => e.name)
}

function removalFailure(folder: string, error: unknown): string {
  return `RunnerDock could not remove ${folder}: ${error instanceof Error ? error.message : String(error)}. Remove it by hand (sudo rm -rf).`
}
