import path from 'node:path'

/**
 * How "Start at login" is applied on each platform, decided from plain values. macOS and Windows
 * have `app.setLoginItemSettings`; Linux has none, so RunnerDock writes an XDG autostart entry
 * (freedesktop.org Desktop Application Autostart Specification).
 */

/** The argument a login launch carries, so the app starts in the tray without a window. */
export const LAUNCHED_AT_LOGIN_ARG = '--launched-at-login'

/** The steps that apply the setting. */
export type LoginItemPlan =
  | { kind: 'skip'; reason: string }
  | { kind: 'login-item'; settings: { openAtLogin: boolean; path?: string; args?: string[] } }
  | { kind: 'autostart-file'; file: string; content: string | null }

/** Facts about the running app that the plan depends on. */
export interface LoginItemFacts {
  readonly platform: string
  readonly isPackaged: boolean
  readonly execPath: string
  /** Set by the AppImage runtime: the path of the .AppImage (execPath is inside its mount). */
  readonly appImage: string | undefined
  readonly xdgConfigHome: string | undefined
  readonly home: string
}

/**
 * Quotes one argument of a desktop entry's `Exec` key: reserved characters need double quotes,
 * and `"`, backtick, `$` and backslash are escaped inside them.
 */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_\-./=:@+,]+$/.test(arg)) return arg
  return `"${arg.replace(/([\\"`$])/g, '\\$1')}"`
}

/** The autostart entry that launches RunnerDock into the tray at login. */
export function linuxAutostartEntry(command: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=RunnerDock',
    'Comment=GitHub Actions runners in Docker',
    `Exec=${quoteExecArg(command)} ${LAUNCHED_AT_LOGIN_ARG}`,
    'Icon=runnerdock',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/**
 * The plan for a setting. An unpackaged app (development) is never registered: the login item
 * would point at the bare Electron binary, which opens Electron's default app, not RunnerDock.
 */
export function loginItemPlan(enabled: boolean, facts: LoginItemFacts): LoginItemPlan {
  if (!facts.isPackaged)
    return {
      kind: 'skip',
      reason: 'Start at login applies to the installed app, not a development build.',
    }
  if (facts.platform === 'darwin') return { kind: 'login-item', settings: { openAtLogin: enabled } }
  if (facts.platform === 'win32')
    return {
      kind: 'login-item',
      settings: { openAtLogin: enabled, path: facts.execPath, args: [LAUNCHED_AT_LOGIN_ARG] },
    }
  const configHome = facts.xdgConfigHome?.trim() || path.posix.join(facts.home, '.config')
  const file = path.posix.join(configHome, 'autostart', 'runnerdock.desktop')
  return {
    kind: 'autostart-file',
    file,
    content: enabled ? linuxAutostartEntry(facts.appImage ?? facts.execPath) : null,
  }
}

/** Whether this launch came from the login item (macOS reports it; elsewhere our argument says so). */
export function launchedAtLogin(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(LAUNCHED_AT_LOGIN_ARG)
}

/** A login launch stays in the tray, unless there is nothing configured yet and the user must act. */
export function shouldShowDashboardOnLaunch(options: {
  launchedAtLogin: boolean
  hasTarget: boolean
}): boolean {
  return !options.launchedAtLogin || !options.hasTarget
}
