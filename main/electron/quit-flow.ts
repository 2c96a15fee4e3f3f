import { app, dialog } from 'electron'
import type { PoolSnapshot } from '../../common/pool-status'
import { describeStopReport, stopComplete, type StopReport } from '../../common/stop-report'
import { parseApiUrl } from '../../common/target'
import { quitPrompt, quitStopMode } from '../../common/tray-model'

/** What quitting needs from the engine. */
export interface QuitEngine {
  snapshot(): PoolSnapshot
  stopAndWait(mode: 'drain' | 'now'): Promise<StopReport | null>
  stop(input: { mode: 'drain' | 'now' }): Promise<unknown>
  dispose(): Promise<void>
}

/** The quit flow as the tray and app events use it. */
export interface QuitFlow {
  /** Asks if jobs are running, stops the pool as chosen, then quits. */
  requestQuit(): Promise<void>
}

// A stop never waits on GitHub for more than a few seconds (the rest is finished at the next
// start); this is the last resort if Docker itself hangs.
const STOP_NOW_LIMIT_MS = 20_000

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
    const report = await (mode === 'now'
      ? Promise.race([
          stopped,
          new Promise<null>((resolve) => setTimeout(() => resolve(null), STOP_NOW_LIMIT_MS)),
        ])
      : stopped)
    if (report && !stopComplete(report)) {
      const web = parseApiUrl(engine.snapshot().apiUrl)
      await dialog.showMessageBox({
        type: 'warning',
        message: 'RunnerDock stopped, but left something behind',
        detail: describeStopReport(report, web.ok ? web.value.webUrl : 'https://github.com').join(
          '\n\n',
        ),
        buttons: ['Quit'],
        noLink: true,
      })
    }
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
