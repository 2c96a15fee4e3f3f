import type { ActionResult, EngineApi } from '../../common/contract'
import { assertNever } from '../../common/assert-never'
import type { TrayCommand } from '../../common/tray-model'

/** What tray commands act on; the window manager and quit flow in the app, fakes in tests. */
export interface TrayCommandTargets {
  readonly engine: Pick<EngineApi, 'start' | 'stop' | 'setDesired' | 'updateSettings'> & {
    notice(level: 'info' | 'warn' | 'error', runner: string | null, message: string): void
  }
  readonly windows: { showDashboard(hash?: string): void; showLogs(runner?: string | null): void }
  requestQuit(): void
}

/**
 * Runs one tray menu command. A refused action (no target, Docker down) becomes an engine notice,
 * so the user sees why in a notification and in the dashboard's toasts, as for any other problem.
 */
export async function runTrayCommand(
  command: TrayCommand,
  targets: TrayCommandTargets,
): Promise<void> {
  const report = (result: ActionResult) => {
    if (!result.ok) targets.engine.notice('error', null, result.message)
  }
  switch (command.type) {
    case 'start':
      return report(await targets.engine.start({}))
    case 'stop':
      return report(await targets.engine.stop({ mode: command.mode }))
    case 'set-desired':
      return report(await targets.engine.setDesired({ count: command.count }))
    case 'set-start-at-login':
      return report(
        await targets.engine.updateSettings({ patch: { startAtLogin: command.enabled } }),
      )
    case 'open-dashboard':
      return targets.windows.showDashboard()
    case 'open-logs':
      return targets.windows.showLogs()
    case 'open-settings':
      return targets.windows.showDashboard('#settings')
    case 'quit':
      return targets.requestQuit()
    default:
      return assertNever(command, 'Unknown tray command')
  }
}
