import { watch, promises as fsp, type FSWatcher } from 'node:fs'
import path from 'node:path'
import { TextDecoder } from 'node:util'
import { systemClock, type Clock } from '../../../common/clock'
import { readTraceFileLine } from '../../../common/runner-trace'
import { orderPages, parsePageName, readPageLine, splitLines, type SeenPage } from './page-lines'

/** Where to tail and where the lines go. */
export interface PageTailerOptions {
  /** The runner's `_diag/pages` folder on this machine (it may not exist yet). */
  readonly folder: string
  /** One line of step output, with the time the runner wrote it. */
  readonly onLine: (time: number, text: string) => void
  /** A page that cannot be read, said once. */
  readonly onProblem?: (message: string) => void
  /** How often the folder is looked at when no change event arrives (VM file sharing sends none). */
  readonly pollMs?: number
  readonly clock?: Clock
}

/** A running tailer. */
export interface PageTailer {
  /** Reads what is left, then stops; lines keep coming until it resolves. */
  stop(): Promise<void>
}

const READ_BYTES = 64 * 1024

interface OpenPage {
  readonly name: string
  readonly handle: fsp.FileHandle
  readonly decoder: TextDecoder
  offset: number
  pending: string
  lastTime: number
}

/**
 * Follows the step output a runner writes into its page files. Each page is opened as soon as
 * it is seen and kept open: the runner deletes a page once it has uploaded it, about a second
 * after its step ends, and what was not read by then is still readable through the open handle.
 * The runner flushes a page in 4 KB pieces and when its step ends, so lines arrive in bursts.
 */
export function tailPages(options: PageTailerOptions): PageTailer {
  return tailFolder({
    ...options,
    accept: (name) => parsePageName(name) !== null,
    read: readPageLine,
  })
}

// HostTraceListener's file name for the worker (HostContext.cs: "{hostType}_{time}-utc.log").
const WORKER_FILE = /^Worker_\d{8}-\d{6}-utc\.log$/

/**
 * Follows the worker's trace in the runner's `_diag` folder (`Worker_<time>-utc.log`), each line
 * given the `WORKER` host it has on stdout: the listener keeps the worker's stdout to itself, so
 * this file is the only place a job's worker trace can be read (docs/github-facts.md).
 */
export function tailWorkerTrace(options: PageTailerOptions): PageTailer {
  return tailFolder({
    ...options,
    accept: (name) => WORKER_FILE.test(name),
    read: readTraceFileLine,
  })
}

/** One folder's files of one kind, each line read by `read`. */
interface FolderTailOptions extends PageTailerOptions {
  readonly accept: (name: string) => boolean
  readonly read: (line: string, lastTime: number) => { time: number; text: string }
}

/** How much slower the safety-net poll runs while the folder is watched. */
const WATCHED_POLL_FACTOR = 4

function tailFolder(options: FolderTailOptions): PageTailer {
  const clock = options.clock ?? systemClock
  const pollMs = options.pollMs ?? 250
  const open = new Map<string, OpenPage>()
  const told = new Set<string>()
  let watcher: FSWatcher | null = null
  let cancelTimer: (() => void) | null = null
  let running: Promise<void> | null = null
  let again = false
  let stopped = false

  const problem = (key: string, message: string) => {
    if (told.has(key)) return
    told.add(key)
    options.onProblem?.(message)
  }

  async function readPage(page: OpenPage): Promise<void> {
    const buffer = Buffer.alloc(READ_BYTES)
    for (;;) {
      const { bytesRead } = await page.handle.read(buffer, 0, READ_BYTES, page.offset)
      if (bytesRead === 0) return
      const atStart = page.offset === 0
      page.offset += bytesRead
      const text = page.decoder.decode(buffer.subarray(0, bytesRead), { stream: true })
      const split = splitLines(page.pending, text, atStart)
      page.pending = split.pending
      for (const raw of split.lines) emit(page, raw)
    }
  }

  function emit(page: OpenPage, raw: string): void {
    const line = options.read(raw, page.lastTime || clock.now())
    page.lastTime = line.time
    options.onLine(line.time, line.text)
  }

  async function close(page: OpenPage): Promise<void> {
    const rest = page.pending + page.decoder.decode()
    page.pending = ''
    if (rest.length > 0) emit(page, rest)
    open.delete(page.name)
    await page.handle.close().catch(() => undefined)
  }

  async function scan(): Promise<void> {
    const names = await fsp.readdir(options.folder).catch(() => null)
    if (names !== null && watcher === null && !stopped) startWatching()
    const present = new Set(names ?? [])
    const fresh: SeenPage[] = []
    for (const name of present) {
      if (open.has(name) || !options.accept(name)) continue
      const stat = await fsp.stat(path.join(options.folder, name)).catch(() => null)
      if (stat) fresh.push({ name, bornMs: stat.birthtimeMs || stat.ctimeMs })
    }
    for (const seen of orderPages(fresh)) {
      const file = path.join(options.folder, seen.name)
      try {
        const handle = await fsp.open(file, 'r')
        open.set(seen.name, {
          name: seen.name,
          handle,
          decoder: new TextDecoder('utf-8'),
          offset: 0,
          pending: '',
          lastTime: 0,
        })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code !== 'ENOENT')
          problem(
            seen.name,
            `Could not read the step output in ${file}: ${(error as Error).message}.`,
          )
      }
    }
    for (const page of [...open.values()]) {
      try {
        await readPage(page)
      } catch (error) {
        problem(
          page.name,
          `Could not read the step output in ${page.name}: ${(error as Error).message}.`,
        )
        await close(page)
        continue
      }
      // Gone from the folder (uploaded, then deleted): everything was read through the handle.
      if (!present.has(page.name)) await close(page)
    }
  }

  function startWatching(): void {
    try {
      watcher = watch(options.folder, () => kick())
      watcher.on('error', () => {
        watcher?.close()
        watcher = null
      })
    } catch {
      watcher = null
    }
  }

  /** Scans now, or once more right after the scan in progress. */
  function kick(): void {
    if (stopped) return
    if (running) {
      again = true
      return
    }
    running = scan()
      .catch(() => undefined)
      .finally(() => {
        running = null
        if (again) {
          again = false
          kick()
        }
      })
  }

  // While the folder is watched the poll is only a safety net (a watch can miss writes made
  // through some bind mounts), so it runs at a quarter of the rate: an idle runner costs less.
  function tick(): void {
    kick()
    cancelTimer = clock.setTimeout(tick, watcher ? pollMs * WATCHED_POLL_FACTOR : pollMs)
  }
  tick()

  return {
    async stop() {
      if (stopped) return
      stopped = true
      cancelTimer?.()
      watcher?.close()
      watcher = null
      while (running) await running
      await scan().catch(() => undefined)
      for (const page of [...open.values()]) await close(page)
    },
  }
}
