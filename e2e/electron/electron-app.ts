import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test'
import type { TrayCommand, TrayMenuItem, TrayState } from '../../common/tray-model'

/**
 * Launching the built desktop app for the Electron specs. The binary is found the way
 * docs/platform-notes.md asks: read node_modules/electron/path.txt and check dist/, never
 * `require('electron')`, which would start a download. Where it is missing every spec skips with
 * the reason.
 */

const ROOT = path.join(__dirname, '..', '..')
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron')

/** The Electron binary, or why these specs cannot run here. */
export function findElectron():
  { available: true; executablePath: string } | { available: false; reason: string } {
  const pathFile = path.join(ELECTRON_DIR, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      available: false,
      reason:
        'No Electron binary: node_modules/electron/path.txt is missing (the binary is downloaded on demand, and this machine has no access to its download). Run these specs where `npx install-electron` can fetch it.',
    }
  }
  const executablePath = path.join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(executablePath))
    return {
      available: false,
      reason: `No Electron binary at ${executablePath} (path.txt names it but dist/ does not hold it).`,
    }
  return { available: true, executablePath }
}

/** Whether the Electron specs can run, and the skip reason when not. */
export const electron = findElectron()

/** The skip reason for `test.skip(!electronAvailable, skipReason)`. */
export const electronAvailable = electron.available
export const skipReason = electron.available ? '' : electron.reason

// main/electron/e2e-hooks.ts: E2E_GLOBAL (e2e/ may not import the Electron shell, lint forbids it).
const E2E_GLOBAL = '__runnerdockE2E'

/** Reads the tray's plain-data model from the main process (exposed only with RUNNERDOCK_E2E=1). */
export async function trayModel(
  app: ElectronApplication,
): Promise<{ state: TrayState; menu: TrayMenuItem[] }> {
  return app.evaluate((_electron, name) => {
    const hooks = (
      globalThis as unknown as Record<
        string,
        { trayState(): TrayState; trayModel(): TrayMenuItem[] }
      >
    )[name]
    if (!hooks)
      throw new Error(
        'RunnerDock did not expose its e2e hooks: is RUNNERDOCK_E2E=1 set and the app unpackaged?',
      )
    return { state: hooks.trayState(), menu: hooks.trayModel() }
  }, E2E_GLOBAL)
}

/** Runs a tray menu command in the main process, as a click on the menu would. */
export async function runTrayCommand(
  app: ElectronApplication,
  command: TrayCommand,
): Promise<void> {
  await app.evaluate(
    (_electron, [name, cmd]) =>
      (globalThis as unknown as Record<string, { runTrayCommand(c: TrayCommand): Promise<void> }>)[
        name
      ]!.runTrayCommand(cmd),
    [E2E_GLOBAL, command] as const,
  )
}

/** What a page of the app has on its global object (tsconfig.json has no DOM lib: use `globalThis`). */
export interface PageGlobals {
  runnerdock: {
    invoke(method: string, input: unknown): Promise<unknown>
    on(event: string, listener: (payload: unknown) => void): () => void
  }
  location: { href: string }
  open(url: string): unknown
}

/** Specs get the running app (first launch, empty config folder) and its dashboard window. */
export const test = base.extend<{ app: ElectronApplication; dashboard: Page }>({
  app: async ({}, use) => {
    if (!electron.available) throw new Error(electron.reason)
    if (!existsSync(path.join(ROOT, 'out', 'main', 'index.js')))
      throw new Error('The app is not built: run "npm run build" first.')
    const configDir = await mkdtemp(path.join(os.tmpdir(), 'rd-electron-'))
    const app = await _electron.launch({
      executablePath: electron.executablePath,
      // The repository folder: Electron reads package.json "main" (out/main/index.js), and
      // app.getAppPath() is the checkout, where assets/ lives.
      // Chromium refuses to run as root with its sandbox (CI containers); users never run as root.
      args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: ROOT,
      env: {
        ...process.env,
        RUNNERDOCK_CONFIG_DIR: configDir,
        RUNNERDOCK_E2E: '1',
        GITHUB_TOKEN: '',
      },
    })
    try {
      await use(app)
    } finally {
      await app.close().catch(() => undefined)
      await rm(configDir, { recursive: true, force: true })
    }
  },
  dashboard: async ({ app }, use) => {
    // A first launch (no repository chosen yet) opens the dashboard.
    const page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')
    await use(page)
  },
})

export { expect } from '@playwright/test'
