import { assertNever } from './assert-never'
import { holdText, poolHold } from './pool-hold'
import { summarize, type PoolSnapshot } from './pool-status'
import { stopComplete } from './stop-report'
import { formatTarget } from './target'

/**
 * The tray as plain data: its state, icon, tooltip, menu and the quit question, all decided here
 * from a PoolSnapshot so they are unit tested in Node. `main/electron/tray.ts` only turns this
 * model into Electron `Tray`/`Menu` calls.
 */

/**
 * What the tray icon says at a glance. `blocked`: running, but on hold (no runner can be made);
 * `attention`: a health check fails while runners can still be made.
 */
export type TrayState = 'stopped' | 'idle' | 'busy' | 'attention' | 'blocked'

/** Every tray state, for the icon generator check and exhaustive tests. */
export const TRAY_STATES: readonly TrayState[] = ['stopped', 'idle', 'busy', 'attention', 'blocked']

/** The tray menu's lasting mark while jobs may use this machine's Docker (settings.dockerAccess). */
export const DOCKER_ACCESS_MARK = 'Jobs can control Docker on this machine'

/** The platforms the tray draws differently on. */
export type TrayPlatform = 'darwin' | 'win32' | 'linux'

/** The tray icon's folder under `assets/tray/` and its 1x size in pixels (the `@2x` file doubles it). */
export const TRAY_ICON_STYLE: Readonly<Record<TrayPlatform, { dir: string; size: number }>> = {
  // macOS menu bar icons are black + alpha "template" images the system tints (Apple HIG).
  darwin: { dir: 'mac', size: 16 },
  win32: { dir: 'win', size: 16 },
  // GNOME/KDE status icons are drawn at 22 px.
  linux: { dir: 'linux', size: 22 },
}

/** A user command the tray menu can issue. */
export type TrayCommand =
  | { type: 'start' }
  | { type: 'stop'; mode: 'drain' | 'now' }
  | { type: 'set-desired'; count: number }
  | { type: 'open-dashboard' }
  | { type: 'open-logs' }
  | { type: 'open-settings' }
  | { type: 'set-start-at-login'; enabled: boolean }
  | { type: 'quit' }

/** One entry of the tray menu, independent of Electron's MenuItem. */
export type TrayMenuItem =
  | { kind: 'command'; label: string; command: TrayCommand; enabled: boolean }
  | { kind: 'checkbox'; label: string; command: TrayCommand; checked: boolean }
  | { kind: 'radio'; label: string; command: TrayCommand; checked: boolean }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[] }
  | { kind: 'status'; label: string }
  | { kind: 'separator' }

/** The question asked before quitting while jobs run, as plain data for `dialog.showMessageBox`. */
export interface QuitPrompt {
  readonly message: string
  readonly detail: string
  readonly buttons: readonly string[]
  /** What each button means, index for index. */
  readonly choices: readonly ('drain' | 'now' | 'cancel')[]
  readonly defaultId: number
  readonly cancelId: number
}

// Windows truncates tray tooltips at 127 characters (NOTIFYICONDATA.szTip is 128 WCHARs).
const TOOLTIP_LIMIT = 127

/**
 * The tray's state: on hold wins over attention, which wins over busy, since a pool that cannot
 * make runners, or an unhealthy one, needs the user.
 */
export function trayState(snapshot: PoolSnapshot): TrayState {
  if (!snapshot.running) return 'stopped'
  if (poolHold(snapshot)) return 'blocked'
  if (Object.values(snapshot.health).some((c) => c?.state === 'problem')) return 'attention'
  return summarize(snapshot).busy > 0 ? 'busy' : 'idle'
}

/** The icon file for a state: `assets/tray/<dir>/<file>` in development, `resources/tray/<file>` packaged. */
export function trayIconFile(
  state: TrayState,
  platform: TrayPlatform,
): { dir: string; file: string } {
  const { dir } = TRAY_ICON_STYLE[platform]
  return { dir, file: platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png` }
}

/** Maps Node's `process.platform` to the tray's styles; other Unixes draw like Linux. */
export function trayPlatform(platform: string): TrayPlatform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux'
}

function runners(n: number): string {
  return n === 1 ? '1 runner' : `${n} runners`
}

function problemOf(snapshot: PoolSnapshot): string {
  const hold = poolHold(snapshot)
  if (hold) return holdText(hold)
  const failing = Object.values(snapshot.health).find((c) => c?.state === 'problem')
  return failing?.problem ?? failing?.summary ?? 'Open the dashboard for details.'
}

/** One line saying what the pool is doing, for the tooltip and the menu's first (status) line. */
export function trayStatusLine(snapshot: PoolSnapshot): string {
  const state = trayState(snapshot)
  const counts = summarize(snapshot)
  const waiting = jobsWaiting(snapshot)
  const stopping =
    (waiting > 0 ? ` ${waiting === 1 ? '1 job' : `${waiting} jobs`} waiting.` : '') +
    (snapshot.stopping === 'drain'
      ? ' Stopping when running jobs finish.'
      : snapshot.stopping === 'now'
        ? ' Stopping.'
        : '')
  const wanted =
    snapshot.mode === 'fixed'
      ? runners(snapshot.desired * Math.max(1, snapshot.targets.length))
      : runners(counts.live)
  switch (state) {
    case 'stopped':
      return snapshot.lastStop && !stopComplete(snapshot.lastStop)
        ? 'Stopped, but the last stop left something behind: open the dashboard.'
        : 'Stopped.'
    case 'blocked':
      return `On hold: ${problemOf(snapshot)}${stopping}`
    case 'attention':
      return `Needs attention: ${problemOf(snapshot)}${stopping}`
    case 'busy':
      return `${counts.busy} busy, ${counts.idle} idle of ${wanted}.${stopping}`
    case 'idle':
      return (
        (counts.starting > 0
          ? `${counts.online} of ${wanted} online.`
          : counts.live === 0
            ? 'Waiting for jobs.'
            : `${runners(counts.live)}, all idle.`) + stopping
      )
    default:
      return assertNever(state, 'Unknown tray state')
  }
}

/** What the pool serves, in a few words: the one target, or how many. */
export function targetsText(snapshot: Pick<PoolSnapshot, 'targets'>): string {
  const [first] = snapshot.targets
  if (!first) return ''
  return snapshot.targets.length === 1
    ? formatTarget(first.target)
    : `${snapshot.targets.length} targets`
}

/** Jobs that wait for a runner, all targets together. */
export function jobsWaiting(snapshot: Pick<PoolSnapshot, 'targets'>): number {
  return snapshot.targets.reduce((n, t) => n + t.queued, 0)
}

/** The tooltip: the app, the target and the status line, within the platform's length limit. */
export function trayTooltip(snapshot: PoolSnapshot): string {
  const served = targetsText(snapshot)
  const target = served ? ` (${served})` : ''
  const text = `RunnerDock${target}: ${trayStatusLine(snapshot)}`
  return text.length <= TOOLTIP_LIMIT ? text : `${text.slice(0, TOOLTIP_LIMIT - 1)}…`
}

/**
 * The quick-scale choices: 0, 1, 2, 4, 8... up to `maxRunners`, plus the maximum itself and the
 * current count so the radio always has its current value checked.
 */
export function scaleChoices(maxRunners: number, current: number): number[] {
  const choices = new Set<number>([0])
  for (let n = 1; n <= maxRunners; n *= 2) choices.add(n)
  if (maxRunners > 0) choices.add(maxRunners)
  if (current >= 0 && current <= maxRunners) choices.add(current)
  return [...choices].sort((a, b) => a - b)
}

function startStopItem(snapshot: PoolSnapshot): TrayMenuItem {
  if (!snapshot.running) {
    return snapshot.targets.length > 0
      ? { kind: 'command', label: 'Start', command: { type: 'start' }, enabled: true }
      : {
          kind: 'command',
          label: 'Start (choose a repository in Settings)',
          command: { type: 'start' },
          enabled: false,
        }
  }
  if (snapshot.stopping === 'now')
    return {
      kind: 'command',
      label: 'Stopping…',
      command: { type: 'stop', mode: 'now' },
      enabled: false,
    }
  // A second Stop while draining is the way out of a long job: stop now, cancelling it.
  if (snapshot.stopping === 'drain')
    return {
      kind: 'command',
      label: 'Stop Now (cancel running jobs)',
      command: { type: 'stop', mode: 'now' },
      enabled: true,
    }
  const busy = summarize(snapshot).busy
  return {
    kind: 'command',
    label: busy > 0 ? 'Stop (let running jobs finish)' : 'Stop',
    command: { type: 'stop', mode: 'drain' },
    enabled: true,
  }
}

/** The whole tray menu for a snapshot, the login-item setting and the Docker access mark. */
export function trayMenuModel(
  snapshot: PoolSnapshot,
  options: { startAtLogin: boolean; dockerAccess?: boolean },
): TrayMenuItem[] {
  const scale: TrayMenuItem[] = scaleChoices(snapshot.maxRunners, snapshot.desired).map(
    (count) => ({
      kind: 'radio',
      label: runners(count),
      command: { type: 'set-desired', count },
      checked: count === snapshot.desired,
    }),
  )
  const size: TrayMenuItem =
    snapshot.mode === 'fixed'
      ? {
          kind: 'submenu',
          label: `${runners(snapshot.desired)}${snapshot.targets.length > 1 ? ' per target' : ''}`,
          items: scale,
        }
      : { kind: 'status', label: `On demand, up to ${runners(snapshot.maxRunners)}` }
  const mark: TrayMenuItem[] = options.dockerAccess
    ? [{ kind: 'status', label: `⚠ ${DOCKER_ACCESS_MARK}` }]
    : []
  return [
    { kind: 'status', label: trayStatusLine(snapshot) },
    ...mark,
    { kind: 'separator' },
    startStopItem(snapshot),
    size,
    { kind: 'separator' },
    {
      kind: 'command',
      label: 'Open Dashboard',
      command: { type: 'open-dashboard' },
      enabled: true,
    },
    { kind: 'command', label: 'Logs', command: { type: 'open-logs' }, enabled: true },
    { kind: 'command', label: 'Settings…', command: { type: 'open-settings' }, enabled: true },
    { kind: 'separator' },
    {
      kind: 'checkbox',
      label: 'Start at Login',
      command: { type: 'set-start-at-login', enabled: !options.startAtLogin },
      checked: options.startAtLogin,
    },
    { kind: 'separator' },
    { kind: 'command', label: 'Quit RunnerDock', command: { type: 'quit' }, enabled: true },
  ]
}

/**
 * Whether quitting must ask first: only when jobs are running, since quitting stops the pool and a
 * job cut short fails on GitHub. Null means quit without asking (idle runners are removed now).
 */
export function quitPrompt(snapshot: PoolSnapshot): QuitPrompt | null {
  if (!snapshot.running) return null
  const busy = summarize(snapshot).busy
  if (busy === 0) return null
  const jobs = busy === 1 ? '1 job is' : `${busy} jobs are`
  return {
    message: `${jobs} still running.`,
    detail:
      'Wait lets running jobs finish, then quits; idle runners are removed now. Stop Now cancels the jobs, which then fail on GitHub.',
    buttons: ['Wait for Jobs, Then Quit', 'Stop Now and Quit', 'Cancel'],
    choices: ['drain', 'now', 'cancel'],
    defaultId: 0,
    cancelId: 2,
  }
}

/** The stop mode a quit uses once the user answered (or was not asked): null means do not quit. */
export function quitStopMode(
  prompt: QuitPrompt | null,
  response: number | null,
): 'drain' | 'now' | null {
  if (prompt === null) return 'now'
  const choice = response === null ? 'cancel' : (prompt.choices[response] ?? 'cancel')
  return choice === 'cancel' ? null : choice
}
