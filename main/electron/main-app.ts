import { app, dialog, session, shell } from 'electron'
import type { TrayCommand } from '../../common/tray-model'
import { installCrashGuard } from '../services/crash-guard'
import { createRealServices } from '../services/real-services'
import { Engine } from '../engine/engine'
import { createAppPaths } from './app-paths'
import { createFolderChooser } from './choose-folder'
import { exposeE2eHooks } from './e2e-hooks'
import { registerIpcHost } from './ipc-host'
import { registerLoginItem, wasLaunchedAtLogin } from './login-item'
import { registerMetricsEndpoint } from './metrics'
import { shouldShowDashboardOnLaunch } from './login-item-policy'
import { registerNotifications } from './notifications'
import { registerPowerSaveBlocker } from './power'
import { registerQuitFlow } from './quit-flow'
import { createTray } from './tray'
import { runTrayCommand, type TrayCommandTargets } from './tray-commands'
import { hardenSession, registerWebContentsLockdown } from './web-security'
import { createWindowManager, type WindowManager } from './windows'
import { createWindowStateFile } from './window-state-file'

/** The app id Windows groups notifications and the taskbar under (electron-builder.yml `appId`). */
export const APP_ID = 'dev.runnerdock.app'

/**
 * Builds the app once Electron is ready, one `register…`/`create…` call per feature (Fiddle's
 * `src/main/main.ts`): the engine with the real adapters (keychain, settings, Docker), the IPC
 * host, windows, tray, notifications, the power-save blocker and the login item.
 */
async function start(windowsReady: (windows: WindowManager) => void): Promise<void> {
  hardenSession(session.defaultSession)
  const paths = createAppPaths()
  // A bug in the main process removes the runners before the app exits, never orphans them.
  const crashGuard = installCrashGuard(process, {
    log: (line) => console.error(line),
    exit: (code) => app.exit(code),
  })
  const services = createRealServices(process.env, crashGuard)
  // The engine exists before the windows (they need its settings); calls reach them once made.
  let windowsRef: WindowManager | null = null
  const engine = await Engine.create({
    ...services,
    host: 'electron',
    version: app.getVersion(),
    // The engine checks the URL (isAllowedExternalUrl) before it gets here.
    openExternal: (url) => shell.openExternal(url),
    openLogs: (runner) => windowsRef?.showLogs(runner),
    chooseFolder: createFolderChooser(),
  })

  const stateFile = createWindowStateFile(services.configDir)
  const windows = createWindowManager({
    paths,
    stateFile,
    initialState: await stateFile.load(),
    apiUrl: () => engine.settings.apiUrl,
  })
  windowsRef = windows
  windowsReady(windows)
  registerIpcHost({
    engine,
    renderer: paths.renderer,
    windows: { owns: windows.owns, contents: windows.contents },
  })

  const quit = registerQuitFlow(engine)
  const targets: TrayCommandTargets = {
    engine,
    windows,
    requestQuit: () => void quit.requestQuit(),
  }
  const run = (command: TrayCommand) => runTrayCommand(command, targets)
  const tray = createTray({
    iconDir: paths.trayIcons,
    snapshot: () => engine.snapshot(),
    startAtLogin: () => engine.settings.startAtLogin,
    dockerAccess: () => engine.settings.dockerAccess,
    onChange: (redraw) => {
      const offs = [engine.on('snapshot', redraw), engine.on('settings', redraw)]
      return () => offs.forEach((off) => off())
    },
    run: (command) => void run(command),
    onClick: () => (process.platform === 'win32' ? windows.showDashboard() : undefined),
  })

  registerNotifications({
    engine,
    notifyJobResults: () => engine.settings.notifyJobResults,
    notifyFailedJobs: () => engine.settings.notifyFailedJobs,
    openExternal: (url) => void engine.openExternal({ url }),
    windows,
  })
  registerPowerSaveBlocker({
    snapshot: () => engine.snapshot(),
    onSnapshot: (listener) => engine.on('snapshot', listener),
  })
  registerMetricsEndpoint({
    configDir: services.configDir,
    metrics: engine.metrics,
    settings: () => engine.settings,
    onSettings: (listener) => engine.on('settings', listener),
    onError: (message) => engine.notice('warn', null, message),
  })
  registerLoginItem({
    startAtLogin: () => engine.settings.startAtLogin,
    onSettings: (listener) => engine.on('settings', listener),
    onError: (message) => engine.notice('warn', null, message),
  })
  exposeE2eHooks(
    { trayModel: tray.model, trayState: tray.state, runTrayCommand: run },
    { isPackaged: app.isPackaged, env: process.env },
  )

  const hasTarget = engine.settings.targets.length > 0 || engine.settings.discoverRepositories
  if (shouldShowDashboardOnLaunch({ launchedAtLogin: wasLaunchedAtLogin(), hasTarget })) {
    windows.showDashboard()
  }
}

/**
 * Runs the desktop app: one instance per user (a second launch shows the first one's dashboard),
 * living in the tray, so closing every window does not quit.
 */
export function runDesktopApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.setAppUserModelId(APP_ID)
  registerWebContentsLockdown(app)
  let windows: WindowManager | null = null
  app.on('second-instance', () => windows?.showDashboard())
  app.on('activate', () => windows?.showDashboard())
  // A tray app stays alive with no window; subscribing replaces Electron's default quit.
  app.on('window-all-closed', () => {})
  app
    .whenReady()
    .then(() => start((w) => (windows = w)))
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      console.error('RunnerDock could not start:', error)
      dialog.showErrorBox(
        'RunnerDock could not start',
        `${message}\n\nRun "runnerdock doctor" in a terminal to check Docker and the keychain, then start RunnerDock again.`,
      )
      app.exit(1)
    })
}
