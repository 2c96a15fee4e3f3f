// The action archive cache (docs/caches.md): which archives a job looked for and did not find,
// read from the official runner's own trace lines, and where each belongs. Pure.
//
// The runner only ever reads ACTIONS_RUNNER_ACTION_ARCHIVE_CACHE (actions/runner
// src/Runner.Worker/ActionManager.cs, DownloadRepositoryActionAsync): for each repository action
// it traces "Check if action archive '<owner>/<repo>@<sha>' already exists in cache directory
// '<dir>'", copies <dir>/<owner>_<repo>/<sha>.tar.gz when it is there ("Found action archive
// '<file>' in cache directory ..."), and otherwise downloads the tarball into a temporary folder
// it deletes. So RunnerDock fills the cache itself, after the job, from GitHub.

/** One action archive: a public repository at a commit. */
export interface ActionArchiveRef {
  readonly owner: string
  readonly repo: string
  readonly sha: string
}

/** The most archives fetched after one job (a job can name any number in its output). */
export const MAX_ARCHIVES_PER_JOB = 20

// The worker's trace line as the official image prints it (ACTIONS_RUNNER_PRINT_LOG_TO_STDOUT).
const CHECKED =
  /\[WORKER [^\]]*\bActionManager\] Check if action archive '([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})@([0-9a-f]{40})' already exists in cache directory/
const FOUND =
  /\[WORKER [^\]]*\bActionManager\] Found action archive '[^']*\/([A-Za-z0-9][A-Za-z0-9-]{0,38})_([A-Za-z0-9._-]{1,100})\/([0-9a-f]{40})\.tar\.gz' in cache directory/

function ref(match: RegExpExecArray | null): ActionArchiveRef | null {
  if (!match) return null
  const [, owner, repo, sha] = match
  if (!owner || !repo || !sha || repo === '.' || repo === '..') return null
  return { owner, repo, sha }
}

/** The file of an archive inside the cache folder, as the runner looks for it on Linux. */
export function archiveFile(archive: ActionArchiveRef): string {
  return `${archive.owner}_${archive.repo}/${archive.sha}.tar.gz`
}

/** GitHub's tarball of a repository at a commit (it redirects to codeload). */
export function tarballUrl(apiUrl: string, archive: ActionArchiveRef): string {
  return `${apiUrl.replace(/\/+$/, '')}/repos/${archive.owner}/${archive.repo}/tarball/${archive.sha}`
}

/** Collects, line by line, the archives a job looked for and did not find in the cache. */
export class MissedArchives {
  private readonly checked = new Map<string, ActionArchiveRef>()
  private readonly found = new Set<string>()

  /** Reads one line of the runner's output. */
  read(line: string): void {
    const checked = ref(CHECKED.exec(line))
    if (checked) {
      if (this.checked.size < MAX_ARCHIVES_PER_JOB * 4)
        this.checked.set(archiveFile(checked), checked)
      return
    }
    const found = ref(FOUND.exec(line))
    if (found) this.found.add(archiveFile(found))
  }

  /** The archives to fetch: looked for, not found, at most MAX_ARCHIVES_PER_JOB. */
  missed(): ActionArchiveRef[] {
    return [...this.checked.entries()]
      .filter(([file]) => !this.found.has(file))
      .map(([, archive]) => archive)
      .slice(0, MAX_ARCHIVES_PER_JOB)
  }
}
