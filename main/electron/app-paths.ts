import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { app } from 'electron'
import { TRAY_ICON_STYLE, trayPlatform } from '../../common/tray-model'
import { resolveRendererLocation, type RendererLocation } from './renderer-location'

/** Where the app's files are, in development and packaged (electron-builder's layout). */
export interface AppPaths {
  /** The sandboxed preload bundle (`out/preload/index.js`). */
  readonly preload: string
  /** The renderer to load and to trust as an IPC sender. */
  readonly renderer: RendererLocation
  /** The window icon (Linux and Windows; macOS takes the bundle's icon). */
  readonly appIcon: string
  /** The folder holding this platform's tray icons. */
  readonly trayIcons: string
}

/**
 * Resolves the paths once the app is ready. The main bundle lives in `out/main/`, so the preload
 * and renderer are its siblings (electron-vite's layout, inside app.asar when packaged). Tray
 * icons are `extraResources` when packaged (see electron-builder.yml) and `assets/tray/<platform>`
 * in a checkout.
 */
export function createAppPaths(): AppPaths {
  const out = path.join(__dirname, '..')
  const appRoot = app.getAppPath()
  const style = TRAY_ICON_STYLE[trayPlatform(process.platform)]
  return {
    preload: path.join(out, 'preload', 'index.js'),
    renderer: resolveRendererLocation({
      isPackaged: app.isPackaged,
      devServerUrl: process.env.ELECTRON_RENDERER_URL,
      indexFileUrl: pathToFileURL(path.join(out, 'renderer', 'index.html')).toString(),
    }),
    appIcon: path.join(appRoot, 'assets', 'icon.png'),
    trayIcons: app.isPackaged
      ? path.join(process.resourcesPath, 'tray')
      : path.join(appRoot, 'assets', 'tray', style.dir),
  }
}
