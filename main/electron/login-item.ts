import { mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { app } from 'electron'
import { launchedAtLogin, loginItemPlan, type LoginItemPlan } from './login-item-policy'

async function apply(plan: LoginItemPlan): Promise<void> {
  switch (plan.kind) {
    case 'skip':
      return
    case 'login-item':
      return app.setLoginItemSettings(plan.settings)
    case 'autostart-file':
      if (plan.content === null) return rm(plan.file, { force: true })
      await mkdir(path.dirname(plan.file), { recursive: true })
      return writeFile(plan.file, plan.content, { mode: 0o644 })
  }
}

/**
 * Applies `settings.startAtLogin` now and whenever it changes. Returns the unsubscribe function;
 * a failure (a read-only autostart folder) is reported through `onError`, never thrown.
 */
export function registerLoginItem(options: {
  startAtLogin: () => boolean
  onSettings: (listener: () => void) => () => void
  onError: (message: string) => void
}): () => void {
  let applied: boolean | null = null
  const sync = () => {
    const enabled = options.startAtLogin()
    if (enabled === applied) return
    applied = enabled
    const plan = loginItemPlan(enabled, {
      platform: process.platform,
      isPackaged: app.isPackaged,
      execPath: process.execPath,
      appImage: process.env.APPIMAGE,
      xdgConfigHome: process.env.XDG_CONFIG_HOME,
      home: os.homedir(),
    })
    apply(plan).catch((error: unknown) =>
      options.onError(
        `Could not change Start at Login: ${error instanceof Error ? error.message : String(error)}`,
      ),
    )
  }
  sync()
  return options.onSettings(sync)
}

/** Whether this launch came from the login item. */
export function wasLaunchedAtLogin(): boolean {
  const macos = process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin
  return launchedAtLogin(process.argv, macos)
}
