import {
  electronAvailable,
  expect,
  runTrayCommand,
  skipReason,
  test,
  type PageGlobals,
} from './electron-app'

test.skip(!electronAvailable, skipReason)

test('Logs in the tray opens the log window on the same renderer', async ({ app, dashboard }) => {
  const opened = app.waitForEvent('window')
  await runTrayCommand(app, { type: 'open-logs' })
  const logs = await opened
  await logs.waitForLoadState('domcontentloaded')
  expect(logs.url()).toBe(dashboard.url().replace(/#.*$/, '#logs'))
  expect(
    await logs.evaluate(() =>
      Object.keys((globalThis as unknown as PageGlobals).runnerdock).sort(),
    ),
  ).toEqual(['invoke', 'on'])
})

test("the renderer's openLogs call shows one runner's log in the log window", async ({
  app,
  dashboard,
}) => {
  const opened = app.waitForEvent('window')
  await dashboard.evaluate(() =>
    (globalThis as unknown as PageGlobals).runnerdock.invoke('openLogs', { runner: 'rd-1' }),
  )
  const logs = await opened
  await expect.poll(() => logs.url()).toMatch(/#logs\/rd-1$/)
  expect(app.windows()).toHaveLength(2)
})
