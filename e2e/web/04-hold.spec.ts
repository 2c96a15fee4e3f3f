// A pool that cannot make runners says "On hold", never a green "Running": Docker going away is
// explained once (banner, not repeated by the health line) and the pool recovers; a revoked token
// holds it with a button to the token setup; signing in with GitHub lets it fill again.
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { clearToasts, DOCS, dockerProxy, emulator, goTo, openPage, rowsIn } from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser, '#dashboard')
})
test.afterAll(async () => {
  await page.context().close()
})

test('Docker going away: On hold, explained once, and the pool recovers when it is back', async () => {
  await page.getByTestId('scale-slider').fill('1')
  await expect(rowsIn(page, 'idle')).toHaveCount(1, { timeout: 30_000 })
  await dockerProxy('cut')
  try {
    await expect(page.getByTestId('pool-state')).toHaveText('On hold', { timeout: 30_000 })
    const banner = page.getByTestId('blocked-banner')
    await expect(banner).toContainText(/Docker/)
    await expect(banner).toHaveAttribute('data-reason', 'docker')
    const docker = page.getByTestId('health-docker')
    await expect(docker).toHaveAttribute('data-state', 'problem')
    await expect(docker).toContainText('Explained in the banner above.')
  } finally {
    await dockerProxy('restore')
  }
  await expect(page.getByTestId('health-docker')).toHaveAttribute('data-state', 'ok', {
    timeout: 30_000,
  })
  await expect(page.getByTestId('pool-state')).toHaveText('Running', { timeout: 30_000 })
  await expect(rowsIn(page, 'idle')).toHaveCount(1, { timeout: 30_000 })
})

test('a revoked token holds the pool, with a button to the token setup', async () => {
  await emulator().revokeToken()
  await page.getByTestId('scale-slider').fill('2')
  const banner = page.getByTestId('blocked-banner')
  await expect(banner).toBeVisible({ timeout: 30_000 })
  await expect(banner).toContainText(/token/i)
  await expect(page.getByTestId('pool-state')).toHaveText('On hold')
  await expect(page.getByTestId('health-token')).toHaveAttribute('data-state', 'problem')
  await expect(page.getByTestId('health-token')).toContainText('Explained in the banner above.')
  await expect(rowsIn(page, 'idle')).toHaveCount(1)
  const fix = page.getByTestId('hold-fix')
  await expect(fix).toHaveAttribute('href', '#settings/token')
  await clearToasts(page)
  await page.screenshot({ path: path.join(DOCS, 'blocked-pool.png') })
  await fix.click()
  await expect(page.getByTestId('settings')).toBeVisible()
  await expect(page.locator('[data-focus-target="token"]')).toBeFocused()
})

test('signing in with GitHub (device flow) replaces the revoked token, and the pool fills again', async () => {
  await emulator().setDeviceFlow({ intervalSeconds: 1 })
  await page.getByTestId('device-flow-start').click()
  const code = (await page.getByTestId('device-code').textContent())!.trim()
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  await emulator().approveDevice(code)
  await expect(page.getByTestId('token-status')).toContainText('octocat', { timeout: 20_000 })
  await goTo(page, '#dashboard')
  await expect(page.getByTestId('blocked-banner')).toBeHidden({ timeout: 30_000 })
  await expect(page.getByTestId('pool-state')).toHaveText('Running')
  await expect(rowsIn(page, 'idle')).toHaveCount(2, { timeout: 30_000 })
  await expect(page.getByTestId('health-token')).toHaveAttribute('data-state', 'ok')
})
