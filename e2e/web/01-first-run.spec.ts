// First run in Debian's Chromium against `runnerdock serve` + the GitHub API emulator + the real
// Docker engine (global-setup.ts): Docker and the image are checked before any token, Start waits
// for setup with its reason beside it, then the target and the token; removing it asks first.
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { DOCS, openPage, TOKEN } from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser)
})
test.afterAll(async () => {
  await page.context().close()
})

test('refuses a request without the access token', async ({ request }) => {
  const url = new URL(process.env.RUNNERDOCK_URL!)
  url.search = ''
  const response = await request.get(url.toString())
  expect(response.status()).toBe(401)
})

test('before setup: Start waits, with the reason, and Docker and the image are checked already', async () => {
  await expect(page.getByTestId('token-setup')).toBeVisible()
  await expect(page.getByTestId('pool-start')).toBeDisabled()
  await expect(page.getByTestId('start-reason')).toHaveText(
    'Choose where runners register and add a GitHub token in the setup above.',
  )
  await expect(page.getByTestId('health-docker')).toHaveAttribute('data-state', 'ok')
  await expect(page.getByTestId('health-image')).toHaveAttribute('data-state', 'ok')
  await expect(page.getByTestId('health-token')).toContainText('No token saved')
  await expect(page.getByTestId('runs-on-line')).toHaveText(/^runs-on: \[self-hosted, Linux, /)
  await expect(page).toHaveTitle('Dashboard — RunnerDock')
})

test('first run: choose the target, get a token page with the right scopes, validate and save', async () => {
  await page.getByTestId('target-input').fill('acme/widgets')
  await page.getByTestId('target-save').click()
  await expect(page.getByTestId('start-reason')).toHaveText(
    'Add a GitHub token in the setup above.',
  )
  const link = page.getByTestId('token-create-link')
  await expect(link).toHaveAttribute('href', /scopes=repo/)
  // The emulator stands where a GitHub Enterprise Server would: its web pages share the API's host.
  const web = new URL(process.env.RUNNERDOCK_EMULATOR_URL!).origin
  await expect(link).toHaveAttribute('href', new RegExp(`^${web}/settings/tokens/new\\?`))

  await page.getByTestId('token-input').fill('not a token')
  await page.getByTestId('token-save').click()
  await expect(page.getByTestId('token-error')).toBeVisible()

  await page.getByTestId('token-input').fill(TOKEN)
  await page.getByTestId('token-save').click()
  await expect(page.getByTestId('token-status')).toContainText('octocat')
  await expect(page.getByTestId('token-status')).toContainText('repo')
  // Stopped, the health panel already says whether the token would work.
  await expect(page.getByTestId('health-token')).toHaveAttribute('data-state', 'ok')
  await expect(page.getByTestId('pool-start')).toBeEnabled()
  await expect(page.getByTestId('start-reason')).toHaveCount(0)
  await page.screenshot({ path: path.join(DOCS, 'token-setup.png') })
  expect(await page.content()).not.toContain(TOKEN)
})

test('removing the token asks first, and Esc keeps it', async () => {
  await page.getByTestId('token-remove').click()
  const dialog = page.getByTestId('confirm-remove-token')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('cannot start runners')
  await expect(dialog.getByTestId('confirm-cancel')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(dialog.getByTestId('confirm-ok')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(dialog.getByTestId('confirm-cancel')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('token-status')).toContainText('octocat')
})
