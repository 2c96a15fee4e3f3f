// The dashboard in Debian's Chromium, against `runnerdock serve` + the GitHub API emulator + the
// real Docker engine (started by global-setup.ts): first-run token setup, the slider, a job with
// its coloured log, scaling to zero, Docker going away and a revoked token. One story, in order,
// as a user would live it; screenshots of each screen go to docs/.
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { connectEmulator } from '../emulator/admin-client'

const DOCS = path.resolve(__dirname, '../../docs')
const TOKEN = `ghp_${'e2e0'.repeat(9)}`

test.describe.configure({ mode: 'serial' })

let page: Page
const emulator = () => connectEmulator(process.env.RUNNERDOCK_EMULATOR_URL!)
const control = (action: 'cut' | 'restore') =>
  fetch(`${process.env.RUNNERDOCK_CONTROL_URL}/docker/${action}`, { method: 'POST' })
const rows = () => page.getByTestId('runner-row')
const runnerNames = async () =>
  Promise.all((await rows().all()).map((row) => row.getAttribute('data-runner')))
// Runs in the page (the browser's own global); this tsconfig has no DOM types.
declare const getComputedStyle: (element: unknown) => { color: string }
const rowsIn = (phase: string) => page.locator(`[data-testid="runner-row"][data-phase="${phase}"]`)

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage()
  page.on('pageerror', (error) => {
    throw error
  })
})

test.afterAll(async () => {
  await page.close()
})

test('refuses a request without the access token', async ({ request }) => {
  const url = new URL(process.env.RUNNERDOCK_URL!)
  url.search = ''
  const response = await request.get(url.toString())
  expect(response.status()).toBe(401)
})

test('first run: choose the target, get a token page with the right scopes, validate and save', async () => {
  await page.goto(process.env.RUNNERDOCK_URL!)
  await expect(page.getByTestId('token-setup')).toBeVisible()
  await page.getByTestId('target-input').fill('acme/widgets')
  await page.getByTestId('target-save').click()
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
  await page.screenshot({ path: path.join(DOCS, 'token-setup.png') })
  expect(await page.content()).not.toContain(TOKEN)
})

test('slider 0 -> 2: two runners online, health all green', async () => {
  const done = page.getByTestId('setup-done')
  if (await done.isVisible()) await done.click()
  await page.getByTestId('pool-start').click()
  await page.getByTestId('scale-slider').fill('2')
  await expect(page.getByTestId('desired-count')).toContainText('2')
  await expect(rowsIn('idle')).toHaveCount(2, { timeout: 45_000 })
  await expect(page.getByTestId('actual-count')).toContainText('2')
  for (const check of ['docker', 'github', 'token', 'image']) {
    await expect(page.getByTestId(`health-${check}`)).toHaveAttribute('data-state', 'ok')
  }
  await expect(rows().first()).toHaveAttribute('data-phase', 'idle')
  await page.screenshot({ path: path.join(DOCS, 'dashboard.png') })
})

test('a queued job: one runner busy, its coloured log streams, then a fresh runner replaces it', async () => {
  const before = await runnerNames()
  await emulator().queueJob(
    { owner: 'acme', repo: 'widgets' },
    {
      name: 'test suite',
      labels: ['self-hosted'],
      script:
        "printf '\\033[32mPASS\\033[0m unit tests\\n'; for i in 1 2 3 4 5; do echo step $i; sleep 0.5; done; printf '\\033[31mwarning\\033[0m flaky\\n'; sleep 2",
    },
  )
  const busy = rowsIn('busy')
  await expect(busy).toHaveCount(1, { timeout: 20_000 })
  await expect(busy.getByTestId('runner-job')).toContainText('test suite')
  const worker = (await busy.getAttribute('data-runner'))!

  await page.goto(
    `${new URL(process.env.RUNNERDOCK_URL!).origin}/#logs/${encodeURIComponent(worker)}`,
  )
  await expect(page.getByTestId('log-viewer')).toBeVisible()
  const pass = page.getByTestId('log-line').filter({ hasText: 'PASS unit tests' })
  await expect(pass).toHaveCount(1)
  const colourOf = (text: RegExp) =>
    pass.locator('.log-text > span', { hasText: text }).evaluate((e) => getComputedStyle(e).color)
  expect(await colourOf(/^PASS$/)).not.toBe(await colourOf(/unit tests/))
  await expect(page.getByTestId('log-line').filter({ hasText: 'step 5' })).toHaveCount(1)
  await page.getByTestId('log-search').fill('step')
  await expect(page.getByTestId('log-line')).toHaveCount(5)
  await page.getByTestId('log-search').fill('')
  await expect(
    page.getByTestId('log-line').filter({ hasText: /completed with result: Succeeded/ }),
  ).toHaveCount(1, {
    timeout: 20_000,
  })
  await page.screenshot({ path: path.join(DOCS, 'log-viewer.png') })

  await page.getByTestId('open-dashboard').click()
  await expect(rowsIn('idle')).toHaveCount(2, { timeout: 30_000 })
  const after = await runnerNames()
  expect(after).not.toContain(worker)
  expect(after.filter((name) => before.includes(name))).toHaveLength(1)
})

test('slider to 0: the list empties', async () => {
  await page.getByTestId('scale-slider').fill('0')
  await expect(rows()).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('empty-runners')).toBeVisible()
})

test('Docker going away is explained, and the pool recovers when it is back', async () => {
  await page.getByTestId('scale-slider').fill('1')
  await expect(rowsIn('idle')).toHaveCount(1, { timeout: 30_000 })
  await control('cut')
  try {
    await expect(page.getByTestId('health-docker')).toHaveAttribute('data-state', 'problem', {
      timeout: 30_000,
    })
    await expect(page.getByTestId('health-docker')).toContainText(/Docker/)
    await expect(page.getByTestId('blocked-banner')).toContainText(/Docker/)
  } finally {
    await control('restore')
  }
  await expect(page.getByTestId('health-docker')).toHaveAttribute('data-state', 'ok', {
    timeout: 30_000,
  })
  await expect(rowsIn('idle')).toHaveCount(1, { timeout: 30_000 })
})

test('a revoked token stops new runners and says what to do', async () => {
  await emulator().revokeToken()
  await page.getByTestId('scale-slider').fill('2')
  const banner = page.getByTestId('blocked-banner')
  await expect(banner).toBeVisible({ timeout: 30_000 })
  await expect(banner).toContainText(/token/i)
  await expect(page.getByTestId('health-token')).toHaveAttribute('data-state', 'problem')
  await expect(rowsIn('idle')).toHaveCount(1)
})

test('signing in with GitHub (device flow) replaces the revoked token, and the pool fills again', async () => {
  await emulator().setDeviceFlow({ intervalSeconds: 1 })
  await page.getByTestId('open-settings').click()
  await page.getByTestId('device-flow-start').click()
  const code = (await page.getByTestId('device-code').textContent())!.trim()
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  await emulator().approveDevice(code)
  await expect(page.getByTestId('token-status')).toContainText('octocat', { timeout: 20_000 })
  await page.getByTestId('open-dashboard').click()
  await expect(page.getByTestId('blocked-banner')).toBeHidden({ timeout: 30_000 })
  await expect(rowsIn('idle')).toHaveCount(2, { timeout: 30_000 })
  await expect(page.getByTestId('health-token')).toHaveAttribute('data-state', 'ok')
})
