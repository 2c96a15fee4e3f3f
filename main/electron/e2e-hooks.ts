import type { TrayCommand, TrayMenuItem, TrayState } from '../../common/tray-model'

/** What the Electron specs (e2e/electron) read through `electronApp.evaluate`. */
export interface E2eHooks {
  trayModel(): TrayMenuItem[]
  trayState(): TrayState
  runTrayCommand(command: TrayCommand): Promise<void>
}

/** The global the specs read; absent unless the app runs unpackaged with RUNNERDOCK_E2E=1. */
export const E2E_GLOBAL = '__runnerdockE2E'

/**
 * Exposes plain-data hooks to the Electron specs: the tray has no API to read its menu back. Only
 * an unpackaged app started with RUNNERDOCK_E2E=1 gets them, and they live in the main process,
 * which the renderer cannot reach.
 */
export function exposeE2eHooks(
  hooks: E2eHooks,
  facts: { isPackaged: boolean; env: NodeJS.ProcessEnv },
): void {
  if (facts.isPackaged || facts.env.RUNNERDOCK_E2E !== '1') return
  Object.defineProperty(globalThis, E2E_GLOBAL, {
    value: Object.freeze({ ...hooks }),
    configurable: false,
  })
}
