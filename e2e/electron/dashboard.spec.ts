import { electronAvailable, expect, skipReason, test, type PageGlobals } from './electron-app'

test.skip(!electronAvailable, skipReason)

test('the dashboard runs isolated, sandboxed and without Node', async ({ app, dashboard }) => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Electron's own specs read the applied preferences this way; the method is not in electron.d.ts.
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown> | null
    }
    const p = contents.getLastWebPreferences()
    return (
      p && {
        contextIsolation: p.contextIsolation,
        sandbox: p.sandbox,
        nodeIntegration: p.nodeIntegration,
        webSecurity: p.webSecurity,
        webviewTag: p.webviewTag,
      }
    )
  })
  expect(prefs).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
  })
  const globals = await dashboard.evaluate(() => {
    const w = globalThis as unknown as Record<string, unknown>
    return {
      require: typeof w.require,
      process: typeof w.process,
      module: typeof w.module,
      ipcRenderer: typeof w.ipcRenderer,
      electron: typeof w.electron,
    }
  })
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    ipcRenderer: 'undefined',
    electron: 'undefined',
  })
})

test('window.runnerdock is the narrow bridge: invoke and on, contract names only', async ({
  dashboard,
}) => {
  const keys = await dashboard.evaluate(() =>
    Object.keys((globalThis as unknown as PageGlobals).runnerdock).sort(),
  )
  expect(keys).toEqual(['invoke', 'on'])
  const result = await dashboard.evaluate(async () => {
    const bridge = (globalThis as unknown as PageGlobals).runnerdock
    const state = (await bridge.invoke('getState', {})) as { host: string }
    const unknown = await bridge.invoke('toString', {}).then(
      () => 'resolved',
      (e: Error) => e.message,
    )
    const invalid = await bridge.invoke('setDesired', { count: -1 }).then(
      () => 'resolved',
      (e: Error) => e.message,
    )
    let badEvent = ''
    try {
      bridge.on('runnerdock:getState', () => {})
    } catch (e) {
      badEvent = (e as Error).message
    }
    return { host: state.host, unknown, invalid, badEvent }
  })
  expect(result.host).toBe('electron')
  expect(result.unknown).toMatch(/Unknown method/)
  expect(result.invalid).toMatch(/Invalid input for setDesired/)
  expect(result.badEvent).toMatch(/Unknown event/)
})
