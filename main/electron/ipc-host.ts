import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { channelOf, eventNames, events, methodNames } from '../../common/contract'
import { dispatch, type DispatchResult } from '../../common/dispatch'
import type { HostedEngine } from '../engine/engine-deps'
import { isTrustedSender, type RendererLocation } from './renderer-location'

/** What the IPC host needs: the engine, our renderer's location, and our windows. */
export interface IpcHostOptions {
  readonly engine: HostedEngine
  readonly renderer: RendererLocation
  readonly windows: { owns(contents: WebContents): boolean; contents(): WebContents[] }
}

/**
 * Why a call is refused, or null when it comes from our renderer: the sending frame must be the
 * main frame of one of our windows and show our renderer (Desktop `trusted-ipc-sender.ts`).
 */
function refusal(event: IpcMainInvokeEvent, options: IpcHostOptions): string | null {
  const frame = event.senderFrame
  // A frame with a parent is an iframe: our renderer has none, so such a call is not ours.
  if (!frame || frame.parent !== null) {
    return 'Refused: calls come only from the main frame of a RunnerDock window.'
  }
  if (!options.windows.owns(event.sender)) return 'Refused: not a RunnerDock window.'
  if (!isTrustedSender(frame.url, options.renderer)) return 'Refused: the page is not RunnerDock.'
  return null
}

/**
 * Serves the contract over IPC, the Electron twin of the headless WebSocket host: one
 * `ipcMain.handle` per contract method (derived from `methods`, so none is missing or extra), each
 * checking the sender, then validating input and output with `dispatch`. Engine events go to every
 * window after validation against the event's schema. Returns the function that unregisters all.
 */
export function registerIpcHost(options: IpcHostOptions): () => void {
  for (const method of methodNames) {
    ipcMain.handle(channelOf(method), async (event, input: unknown): Promise<DispatchResult> => {
      const refused = refusal(event, options)
      return refused ? { ok: false, error: refused } : dispatch(options.engine, method, input)
    })
  }
  const unsubscribe = eventNames.map((event) =>
    options.engine.on(event, (payload) => {
      const checked = events[event].safeParse(payload)
      if (!checked.success) {
        console.error(
          `RunnerDock produced an invalid ${event} event: ${checked.error.issues[0]?.message ?? 'malformed'}`,
        )
        return
      }
      for (const contents of options.windows.contents()) {
        if (!contents.isDestroyed() && isTrustedSender(contents.getURL(), options.renderer))
          contents.send(channelOf(event), checked.data)
      }
    }),
  )
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(channelOf(method))
    for (const off of unsubscribe) off()
  }
}
