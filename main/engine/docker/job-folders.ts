import { promises as fsp } from 'node:fs'
import path from 'node:path'
import { err, ok, type Result } from '../../../common/result'

// Per-runner host folders for Docker-using jobs. Through a host daemon, a job's bind mounts are
// resolved on the host, so the runner's work folder must exist at the same absolute path on the
// host and in the runner: <base>/<runner>/work, mounted at that path and given to the runner as
// its work folder. <base>/<runner>/_diag keeps the runner's diagnostics (/home/runner/_diag), and
// <base>/<runner>/docker.sock is its Docker proxy. Where <base> is, and why, is in
// docs/platform-notes.md ("Folders for jobs that use Docker").

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
 * One runner's folder paths, or why they cannot work: a socket path longer than the platform
 * allows (104 bytes on macOS, 108 on Linux, with the final NUL), or a work path with spaces or
 * colons (a bind "source:target" splits on colons, and unquoted job scripts split on spaces).
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

/** The optional RunnerContainerSpec fields that give a runner its folders and proxy socket. */
export function runnerFolderMounts(folders: RunnerFolders): {
  workFolder: string
  extraBinds: string[]
  dockerSocketSource: string
} {
  return {
    workFolder: folders.work,
    extraBinds: [`${folders.diag}:${DIAG_IN_RUNNER}`],
    dockerSocketSource: folders.socket,
  }
}

/**
 * Creates a runner's folders. The root is private (0700: its socket is the runner's Docker); the
 * work and diagnostics folders belong to uid 1001 when RunnerDock runs as root, and are open to
 * all (0777) otherwise, since an ordinary user cannot give files away (rootless engines map
 * uid 1001 elsewhere too).
 */
export async function createRunnerFolders(
  folders: RunnerFolders,
  options: { readonly uid?: number | null } = {},
): Promise<Result<RunnerFolders, string>> {
  const uid = options.uid !== undefined ? options.uid : (process.getuid?.() ?? null)
  try {
    await fsp.mkdir(folders.root, { recursive: true, mode: 0o700 })
    await fsp.chmod(folders.root, 0o700)
    for (const folder of [folders.work, folders.diag]) {
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
  const attempt = () => rm(folders.root)
  try {
    await attempt()
    return ok(undefined)
  } catch (first) {
    if (!emptyAsRoot) return err(removalFailure(folders, first))
    for (const folder of [folders.work, folders.diag]) {
      const emptied = await emptyAsRoot(folder)
      if (!emptied.ok) return err(emptied.error.message)
    }
    try {
      await attempt()
      return ok(undefined)
    } catch (second) {
      return err(removalFailure(folders, second))
    }
  }
}

/** Names of the runner folders under `base` (a sweep removes those of runners gone). */
export async function runnerFolderNames(base: string): Promise<string[]> {
  const entries = await fsp.readdir(base, { withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isDirectory() && RUNNER_NAME.test(e.name)).map((e) => e.name)
}

function removalFailure(folders: RunnerFolders, error: unknown): string {
  return `RunnerDock could not remove ${folders.root}: ${error instanceof Error ? error.message : String(error)}. Remove it by hand (sudo rm -rf).`
}
