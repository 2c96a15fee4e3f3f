// A GitHub that does not answer (a captive portal, a dead VPN), seen from the dashboard: the health
// panel says so within 10 s of being asked, in words that say what to check, and recovers by
// itself when GitHub answers again. The emulator holds every answer for ten minutes meanwhile.
import { expect, test, type Page } from '@playwright/test'
import { emulator, openPage } from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser, '#dashboard')
})
test.afterAll(async () => {
  await emulator().setLatency(0)
  await page.context().close()
})

test('the health panel says GitHub does not answer within 10 s, then recovers', async () => {
  const github = page.getByTestId('health-github')
  await expect(github).toHaveAttribute('data-state', 'ok', { timeout: 30_000 })
  await emulator().setLatency(10 * 60_000)
  const asked = Date.now()
  await page.getByTestId('health-check-now').click()
  await expect(github).toHaveAttribute('data-state', 'problem', { timeout: 10_000 })
  await expect(github).toContainText(/does not answer/)
  await expect(github).toContainText(/network or VPN/)
  console.log(
    `[figure] dashboard: "does not answer" shown ${Date.now() - asked} ms after Check now`,
  )
  await emulator().setLatency(0)
  await page.getByTestId('health-check-now').click()
  await expect(github).toHaveAttribute('data-state', 'ok', { timeout: 15_000 })
})
