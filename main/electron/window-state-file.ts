import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  EMPTY_WINDOW_STATE,
  parseWindowState,
  type Rect,
  type WindowKind,
  type WindowState,
} from './window-placement'

/** The file beside settings.json that remembers window placement (not a setting: it changes on every move). */
export const WINDOW_STATE_FILE_NAME = 'window-state.json'

/** Reads and writes `window-state.json`; losing it only costs a window its last position. */
export interface WindowStateFile {
  readonly path: string
  load(): Promise<WindowState>
  save(kind: WindowKind, bounds: Rect): Promise<void>
}

/** A window-state file in the config folder. Writes are serialised and go through a temp file. */
export function createWindowStateFile(dir: string): WindowStateFile {
  const file = path.join(dir, WINDOW_STATE_FILE_NAME)
  let state: WindowState = EMPTY_WINDOW_STATE
  let queue: Promise<void> = Promise.resolve()

  async function write(): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 })
      await rename(temp, file)
    } catch {
      // Placement is a convenience: a read-only folder must not disturb the app.
      await rm(temp, { force: true }).catch(() => undefined)
    }
  }

  return {
    path: file,
    async load() {
      state = await readFile(file, 'utf8').then(parseWindowState, () => EMPTY_WINDOW_STATE)
      return state
    },
    save(kind, bounds) {
      state = {
        ...state,
        [kind]: {
          x: Math.round(bounds.x),
          y: Math.round(bounds.y),
          width: Math.round(bounds.width),
          height: Math.round(bounds.height),
        },
      }
      queue = queue.then(write)
      return queue
    },
  }
}
