import { electronAvailable, expect, skipReason, test, type PageGlobals } from './electron-app'

test.skip(!electronAvailable, skipReason)

test('the dashboard cannot navigate away from the app', async ({ dashboard }) => {
  const before = dashboard.url()
  expect(before).toMatch(/^file:.*\/out\/renderer\/index\.html#/)
  for (const target of ['https://example.com/', 'file:///etc/hostname']) {
    await dashboard.evaluate((url) => {
      ;(globalThis as unknown as PageGlobals).location.href = url
    }, target)
    // A refused navigation leaves the page as it was; an allowed one would change the URL
    // (to the page, or to chrome-error:// offline).
    await dashboard.waitForTimeout(500)
    expect(dashboard.url()).toBe(before)
  }
})

test('window.open never creates a window', async ({ app, dashboard }) => {
  const opened = await dashboard.evaluate(() => {
    const w = globalThis as unknown as PageGlobals
    return ['https://example.com/', 'about:blank', 'https://github.com/'].map(
      (url) => w.open(url) === null,
    )
  })
  expect(opened).toEqual([true, true, true])
  await dashboard.waitForTimeout(300)
  expect(app.windows()).toHaveLength(1)
})
