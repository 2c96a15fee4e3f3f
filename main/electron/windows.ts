import { app, BrowserWindow, screen, type WebContents } from 'electron'
import type { AppPaths } from './app-paths'
import { logsHash, rendererUrl } from './renderer-location'
import { applyContentsPolicy } from './web-security'
import { placeWindow, WINDOW_SIZES, type WindowKind, type WindowState } from './window-placement'
import type { WindowStateFile } from './window-state-file'

/** The app's windows, created on demand: closing one leaves RunnerDock running in the tray. */
export interface WindowManager {
  /** Shows (creating if needed) the dashboard, optionally at a view such as `#settings`. */
  showDashboard(hash?: string): void
  /** Shows (creating if needed) the log window: for one runner, all (null), or as it was (omitted). */
  showLogs(runner?: string | null): void
  /** Whether a webContents belongs to one of our windows (IPC refuses any other). */
  owns(contents: WebContents): boolean
  /** The webContents of every open window, for engine events. */
  contents(): WebContents[]
}

/** What the manager needs: paths, remembered placement and the GitHub host for external links. */
export interface WindowManagerOptions {
  readonly paths: AppPaths
  readonly stateFile: WindowStateFile
  readonly initialState: WindowState
  readonly apiUrl: () => string
}

const TITLES: Record<WindowKind, string> = { dashboard: 'RunnerDock', logs: 'RunnerDock Logs' }
// Moves and resizes arrive many times a second; write the placement once it settles.
const SAVE_DELAY_MS = 500

/**
 * Creates the window manager. Every window runs the same renderer with context isolation, the
 * sandbox and no Node; what it may navigate to and open is decided in `web-policy.ts`.
 */
export function createWindowManager(options: WindowManagerOptions): WindowManager {
  const open = new Map<WindowKind, BrowserWindow>()
  const saved: WindowState = { ...options.initialState }

  function create(kind: WindowKind, hash: string): BrowserWindow {
    const primary = screen.getPrimaryDisplay().workArea
    const bounds = placeWindow(
      kind,
      saved[kind],
      screen.getAllDisplays().map((d) => d.workArea),
      primary,
    )
    const size = WINDOW_SIZES[kind]
    const win = new BrowserWindow({
      ...bounds,
      minWidth: size.minWidth,
      minHeight: size.minHeight,
      title: TITLES[kind],
      show: false,
      autoHideMenuBar: true,
      ...(process.platform === 'darwin' ? {} : { icon: options.paths.appIcon }),
      webPreferences: {
        preload: options.paths.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
      },
    })
    applyContentsPolicy(win.webContents, {
      renderer: options.paths.renderer,
      apiUrl: options.apiUrl,
      openLogs: (runner) => showLogs(runner),
    })

    let timer: NodeJS.Timeout | undefined
    const remember = () => {
      if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return
      const normal = win.getNormalBounds()
      saved[kind] = normal
      void options.stateFile.save(kind, normal)
    }
    const rememberSoon = () => {
      clearTimeout(timer)
      timer = setTimeout(remember, SAVE_DELAY_MS)
    }
    win.on('resize', rememberSoon)
    win.on('move', rememberSoon)
    win.on('close', () => {
      clearTimeout(timer)
      remember()
    })
    win.on('closed', () => {
      open.delete(kind)
      if (open.size === 0) app.dock?.hide()
    })
    win.once('ready-to-show', () => win.show())

    open.set(kind, win)
    void app.dock?.show()
    load(win, hash)
    return win
  }

  function load(win: BrowserWindow, hash: string): void {
    const url = rendererUrl(options.paths.renderer, hash)
    win.loadURL(url).catch((error: unknown) => {
      // A missing build is the usual cause in a checkout; the message says how to fix it.
      console.error(`RunnerDock could not load ${url} (${String(error)}). Run "npm run build".`)
    })
  }

  function show(kind: WindowKind, hash: string | undefined, defaultHash: string): void {
    const existing = open.get(kind)
    if (!existing) {
      create(kind, hash ?? defaultHash)
      return
    }
    // Same document, another hash: a fragment navigation, so the UI keeps its state.
    if (hash !== undefined) load(existing, hash)
    if (existing.isMinimized()) existing.restore()
    existing.show()
    existing.focus()
  }

  function showLogs(runner?: string | null): void {
    show('logs', runner === undefined ? undefined : logsHash(runner), logsHash(null))
  }

  return {
    showDashboard: (hash) => show('dashboard', hash, '#dashboard'),
    showLogs,
    owns: (contents) =>
      [...open.values()].some((win) => !win.isDestroyed() && win.webContents.id === contents.id),
    contents: () =>
      [...open.values()].filter((win) => !win.isDestroyed()).map((win) => win.webContents),
  }
}
