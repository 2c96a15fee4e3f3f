import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { BRIDGE_NAME, type RunnerDockBridge } from '../common/bridge'
import { channel, isContractEvent, isContractMethod } from './contract-names'

/**
 * The preload: one narrow object, `window.runnerdock`, and nothing else crosses into the page
 * (Fiddle `src/preload/preload.ts`). It never exposes `ipcRenderer` or an IPC event: the page can
 * call contract methods and listen to contract events by name, and the main process still checks
 * the sender and validates every payload, since a compromised page can call this bridge too.
 */

function describe(value: unknown): string {
  return JSON.stringify(String(value)).slice(0, 80)
}

// The IPC host answers every call with a DispatchResult (common/dispatch.ts) instead of throwing,
// so a refusal reaches the page as its own message, not Electron's "Error invoking remote method".
function unwrap(result: unknown): unknown {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const r = result as { ok: unknown; value?: unknown; error?: unknown }
    if (r.ok === true) return r.value
    if (r.ok === false)
      throw new Error(typeof r.error === 'string' ? r.error : 'RunnerDock refused the call.')
  }
  throw new Error('RunnerDock sent a malformed answer.')
}

const bridge: RunnerDockBridge = {
  async invoke(method, input) {
    if (!isContractMethod(method)) throw new Error(`Unknown method ${describe(method)}.`)
    return unwrap(await ipcRenderer.invoke(channel(method), input))
  },
  on(event, listener) {
    if (!isContractEvent(event)) throw new Error(`Unknown event ${describe(event)}.`)
    if (typeof listener !== 'function') throw new Error('A listener must be a function.')
    const name = channel(event)
    // The IPC event object (with its `sender`) stays here: the page gets the payload only.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(name, forward)
    return () => {
      ipcRenderer.removeListener(name, forward)
    }
  },
}

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge)
