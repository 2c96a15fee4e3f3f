import path from 'node:path'
import {
  Menu,
  nativeImage,
  Tray,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron'
import type { PoolSnapshot } from '../../common/pool-status'
import {
  trayIconFile,
  trayMenuModel,
  trayPlatform,
  trayState,
  trayTooltip,
  type TrayCommand,
  type TrayMenuItem,
  type TrayState,
} from '../../common/tray-model'
import { assertNever } from '../../common/assert-never'

/** The tray as the app drives it. */
export interface AppTray {
  /** The menu model currently shown (plain data; the Electron specs read it). */
  model(): TrayMenuItem[]
  /** The state currently shown. */
  state(): TrayState
  destroy(): void
}

/** What the tray reads and where its commands go. */
export interface TrayOptions {
  /** The folder with this platform's icons (see AppPaths.trayIcons). */
  readonly iconDir: string
  readonly snapshot: () => PoolSnapshot
  readonly startAtLogin: () => boolean
  /** Whether jobs may use this machine's Docker: the menu marks it for as long as it is on. */
  readonly dockerAccess: () => boolean
  /** Subscribes to changes that redraw the tray; returns the unsubscribe function. */
  readonly onChange: (redraw: () => void) => () => void
  readonly run: (command: TrayCommand) => void
  /** Called on a plain click where the platform reports one (Windows, some Linux trays). */
  readonly onClick: () => void
}

function toMenuItem(
  item: TrayMenuItem,
  run: (command: TrayCommand) => void,
): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'separator':
      return { type: 'separator' }
    case 'status':
      return { label: item.label, enabled: false }
    case 'command':
      return { label: item.label, enabled: item.enabled, click: () => run(item.command) }
    case 'checkbox':
      return {
        type: 'checkbox',
        label: item.label,
        checked: item.checked,
        click: () => run(item.command),
      }
    case 'radio':
      return {
        type: 'radio',
        label: item.label,
        checked: item.checked,
        click: () => run(item.command),
      }
    case 'submenu':
      return { label: item.label, submenu: item.items.map((child) => toMenuItem(child, run)) }
    default:
      return assertNever(item, 'Unknown tray menu item')
  }
}

/**
 * Creates the tray icon and keeps it in step with the pool: icon, tooltip and menu are rebuilt
 * from `common/tray-model.ts` on every change, and only touched when they differ (some Linux
 * trays flicker when the menu is replaced).
 */
export function createTray(options: TrayOptions): AppTray {
  const platform = trayPlatform(process.platform)
  const images = new Map<TrayState, NativeImage>()
  const image = (state: TrayState): NativeImage => {
    let cached = images.get(state)
    if (!cached) {
      // createFromPath picks up the `@2x` file beside it on high-density displays.
      cached = nativeImage.createFromPath(
        path.join(options.iconDir, trayIconFile(state, platform).file),
      )
      if (platform === 'darwin') cached.setTemplateImage(true)
      images.set(state, cached)
    }
    return cached
  }

  let state = trayState(options.snapshot())
  const menuOptions = () => ({
    startAtLogin: options.startAtLogin(),
    dockerAccess: options.dockerAccess(),
  })
  let model = trayMenuModel(options.snapshot(), menuOptions())
  let shownMenu = ''
  let shownTooltip = ''
  const tray = new Tray(image(state))
  tray.on('click', () => options.onClick())

  function redraw(): void {
    if (tray.isDestroyed()) return
    const snapshot = options.snapshot()
    const nextState = trayState(snapshot)
    if (nextState !== state) tray.setImage(image(nextState))
    state = nextState
    const tooltip = trayTooltip(snapshot)
    if (tooltip !== shownTooltip) tray.setToolTip(tooltip)
    shownTooltip = tooltip
    model = trayMenuModel(snapshot, menuOptions())
    const serialized = JSON.stringify(model)
    if (serialized !== shownMenu)
      tray.setContextMenu(
        Menu.buildFromTemplate(model.map((item) => toMenuItem(item, options.run))),
      )
    shownMenu = serialized
  }

  redraw()
  const unsubscribe = options.onChange(redraw)
  return {
    model: () => model,
    state: () => state,
    destroy() {
      unsubscribe()
      if (!tray.isDestroyed()) tray.destroy()
    },
  }
}
