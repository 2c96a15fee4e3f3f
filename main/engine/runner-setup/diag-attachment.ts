import path from 'node:path'
import { err, ok, type Result } from '../../../common/result'
import {
  createRunnerFolders,
  diagFolderBind,
  removeRunnerFolders,
  runnerFolderNames,
  runnerFolderPaths,
} from '../docker/job-folders'
import { tailPages, tailWorkerTrace } from '../logs/page-tailer'
import type { RunnerAttachments } from '../pool/runner-attachments'

/** What every runner's folders need to know of the pool. */
export interface RunnerFoldersOptions {
  /** jobFoldersBase(...): where runners' folders live. */
  readonly base: string
  /** This installation's runner name prefix (runnerNamePrefix): a sweep removes only its folders. */
  readonly runnerPrefix: string
  /** Empties a folder whose files the runner's user owns (a root container); absent in tests. */
  readonly emptyAsRoot?: (folder: string) => Promise<Result<void, { message: string }>>
  /** A line of a job's step output, read from the runner's page files. */
  readonly stepLine: (runner: string, time: number, text: string) => void
  /** A line of the worker's trace, read from its `_diag` file (`[WORKER …] …`). */
  readonly traceLine: (runner: string, time: number, text: string) => void
  /** A note on the runner's own log (a page that cannot be read, a folder that cannot be made). */
  readonly log: (runner: string, message: string) => void
  /** How often the pages folder is looked at between change events. */
  readonly pollMs?: number
}

/**
 * Every runner's folders as an attachment: `<base>/<runner>/_diag` mounted as the runner's
 * `/home/runner/_diag`, where the runner writes each step's output into page files before
 * uploading them (docs/github-facts.md, "Step output in page files"); a tailer follows them into
 * the runner's log as `step` lines from before the container starts until after it is removed,
 * and another its worker's trace file as `trace` lines (the only place that trace can be read).
 * Without the folder the runner still runs: its log then has no step output, and says why.
 */
export function runnerFoldersAttachment(options: RunnerFoldersOptions): RunnerAttachments {
  return {
    adoptable: true,
    workFolder: () => null,
    async attach({ name }) {
      const paths = runnerFolderPaths(options.base, name)
      const made = paths.ok ? await createRunnerFolders(paths.value, { only: ['diag'] }) : paths
      if (!made.ok) {
        options.log(name, `Step output is not shown for this runner: ${made.error}`)
        return ok({ spec: {}, release: async () => ok(undefined) })
      }
      const folders = made.value
      const common = {
        onProblem: (message: string) => options.log(name, message),
        ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
      }
      const tailers = [
        tailPages({
          ...common,
          folder: path.posix.join(folders.diag, 'pages'),
          onLine: (time, text) => options.stepLine(name, time, text),
        }),
        tailWorkerTrace({
          ...common,
          folder: folders.diag,
          onLine: (time, text) => options.traceLine(name, time, text),
        }),
      ]
      return ok({
        spec: { extraBinds: [diagFolderBind(folders)] },
        async release() {
          await Promise.all(tailers.map((t) => t.stop()))
          return removeRunnerFolders(folders, options.emptyAsRoot)
        },
      })
    },
    async sweep(live) {
      const problems: string[] = []
      for (const name of await runnerFolderNames(options.base)) {
        if (!name.startsWith(options.runnerPrefix) || live.has(name)) continue
        const folders = runnerFolderPaths(options.base, name)
        if (!folders.ok) continue
        const removed = await removeRunnerFolders(folders.value, options.emptyAsRoot)
        if (!removed.ok) problems.push(removed.error)
      }
      return problems.length === 0 ? ok(undefined) : err(problems.join(' '))
    },
  }
}

/**
 * Runners whose step output cannot be read here (a daemon on another machine): each runner's log
 * says so once, plainly, and shows the runner's own lines.
 */
export function stepOutputUnavailableAttachment(
  reason: string,
  log: (runner: string, message: string) => void,
): RunnerAttachments {
  return {
    adoptable: true,
    workFolder: () => null,
    async attach({ name }) {
      log(name, reason)
      return ok({ spec: {}, release: async () => ok(undefined) })
    },
    sweep: async () => ok(undefined),
  }
}
