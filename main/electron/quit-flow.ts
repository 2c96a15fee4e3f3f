import { app, dialog } from 'electron'
import type { PoolSnapshot } from '../../common/pool-status'
import { quitPrompt, quitStopMode } from '../../common/tray-model'

/** What quitting needs from the engine. */
export interface QuitEngine {
  snapshot(): PoolSnapshot
  stopAndWait(mode: 'drain' | 'now'): Promise<void>
  stop(input: { mode: 'drain' | 'now' }): Promise<unknown>
  dispose(): Promise<void>
}

/** The quit flow as the tray and app events use it. */
export interface QuitFlow {
  /** Asks if jobs are running, stops the pool as chosen, then quits. */
  requestQuit(): Promise<void>
}

// Stopping now removes containers and registrations; if Docker or GitHub hang, quit anyway and
// leave the rest to the next start's recovery.
const STOP_NOW_LIMIT_MS = 60_000

/**
 * Quitting stops the pool first, so no runner outlives the app. With jobs running the user chooses
 * to wait for them (the tray then offers Stop Now) or to stop now; a second Quit while waiting
 * stops now. Every other way to quit (Cmd+Q, the OS) goes through `before-quit` into this flow.
 */
export function registerQuitFlow(engine: QuitEngine): QuitFlow {
  let phase: 'running' | 'asking' | 'stopping' | 'done' = 'running'

  async function requestQuit(): Promise<void> {
    if (phase === 'asking' || phase === 'done') return
    if (phase === 'stopping') {
      await engine.stop({ mode: 'now' })
      return
    }
    phase = 'asking'
    const prompt = quitPrompt(engine.snapshot())
    const response = prompt
      ? (
          await dialog.showMessageBox({
            type: 'question',
            message: prompt.message,
            detail: prompt.detail,
            buttons: [...prompt.buttons],
            defaultId: prompt.defaultId,
            cancelId: prompt.cancelId,
            noLink: true,
          })
        ).response
      : null
    const mode = quitStopMode(prompt, response)
    if (mode === null) {
      phase = 'running'
      return
    }
    phase = 'stopping'
    const stopped = engine.stopAndWait(mode)
    await (mode === 'now'
      ? Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, STOP_NOW_LIMIT_MS))])
      : stopped)
    await engine.dispose().catch(() => undefined)
    phase = 'done'
    app.quit()
  }

  app.on('before-quit', (event) => {
    if (phase === 'done') return
    event.preventDefault()
    void requestQuit()
  })
  return { requestQuit }
}
