import type {
  ActionResult,
  MethodOutput,
  SettingsPatch,
  SettingsResult,
} from '../../common/contract'
import type { StoreKit } from './app-store'

/** Actions on the pool, settings and token. */
export interface PoolActions {
  start(): Promise<ActionResult>
  stop(mode: 'drain' | 'now'): Promise<ActionResult>
  setDesired(count: number): Promise<ActionResult>
  retry(): Promise<ActionResult>
  /** Saves a change; the answer carries notes per field, or the field to fix. */
  updateSettings(change: SettingsPatch): Promise<SettingsResult>
  /** Checks Docker, the image, the network and the token now; the fresh snapshot follows. */
  checkHealth(): Promise<ActionResult>
  /** Looks for repositories whose workflows ask for self-hosted runners. */
  discoverTargets(): Promise<MethodOutput<'discoverTargets'>>
  saveToken(token: string): Promise<ActionResult>
  removeToken(): Promise<ActionResult>
  checkToken(): Promise<ActionResult>
  startDeviceFlow(): Promise<ActionResult>
  cancelDeviceFlow(): Promise<ActionResult>
  suggestTargets(): Promise<MethodOutput<'suggestTargets'>>
  openExternal(url: string): Promise<ActionResult>
  /** Desktop only: opens (or focuses) the log viewer window. */
  openLogWindow(runner: string | null): Promise<ActionResult>
}

/** A rejected call (bad input, refusal, lost connection) as the failure value the UI shows. */
export async function settle<T>(
  call: () => Promise<T>,
): Promise<T | { ok: false; message: string }> {
  try {
    return await call()
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * The pool, settings and token actions. Buttons with no form of their own (start, stop, retry, the
 * slider) report failures as toasts; forms get the result back and show it next to their fields.
 */
export function createPoolActions(kit: StoreKit): PoolActions {
  const { client } = kit
  const toasted = async (call: () => Promise<ActionResult>): Promise<ActionResult> => {
    const result = await settle(call)
    if (!result.ok) kit.toast('error', result.message)
    return result
  }
  return {
    start: () => toasted(() => client.call('start', {})),
    stop: (mode) => toasted(() => client.call('stop', { mode })),
    setDesired: (count) => toasted(() => client.call('setDesired', { count })),
    retry: () => toasted(() => client.call('retry', {})),
    updateSettings: (change) => settle(() => client.call('updateSettings', { patch: change })),
    checkHealth: async () => {
      const result = await settle(() => client.call('checkHealth', {}))
      if ('ok' in result) {
        kit.toast('error', `Could not check: ${result.message}`)
        return result
      }
      const data = kit.get().data
      if (data) kit.set({ data: { ...data, snapshot: result } })
      return { ok: true }
    },
    discoverTargets: () => settle(() => client.call('discoverTargets', {})),
    saveToken: (token) => settle(() => client.call('saveToken', { token })),
    removeToken: () => settle(() => client.call('removeToken', {})),
    checkToken: async () => {
      const result = await settle(() => client.call('checkToken', {}))
      if ('ok' in result) return result
      const data = kit.get().data
      if (data) kit.set({ data: { ...data, token: result } })
      return { ok: true }
    },
    startDeviceFlow: () => settle(() => client.call('startDeviceFlow', {})),
    cancelDeviceFlow: () => toasted(() => client.call('cancelDeviceFlow', {})),
    suggestTargets: () => settle(() => client.call('suggestTargets', {})),
    openExternal: (url) => toasted(() => client.call('openExternal', { url })),
    openLogWindow: (runner) => toasted(() => client.call('openLogs', { runner })),
  }
}
