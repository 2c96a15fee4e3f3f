// The pool at work: two runners online; a queued job makes one busy, its row stands out with the
// job linked to its run, the log picker and header name the job; search steps through matches;
// the same notice twice is one toast; Stop now names the job it would fail; a scale-down looks
// normal and Recent jobs lists each job once.
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import {
  clearToasts,
  DOCS,
  emulator,
  goTo,
  openPage,
  recordRows,
  rowsIn,
  seenRows,
} from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser, '#dashboard', {
    permissions: ['clipboard-read', 'clipboard-write'],
  })
})
test.afterAll(async () => {
  await page.context().close()
})

// The runner shows a step's script in its log ("##[group]Run …"), so the script spells "step" with
// an escape: searching "step" finds the five output lines only.
const STEPS =
  "printf '\\033[32mPASS\\033[0m unit tests\\n'; for i in 1 2 3 4 5; do printf 'st\\145p %s\\n' $i; sleep 1; done; printf '\\033[31mwarning\\033[0m flaky\\n'; sleep 1"

test('slider 0 -> 2: two runners online, health all green', async () => {
  const done = page.getByTestId('setup-done')
  if (await done.isVisible()) await done.click()
  await page.getByTestId('pool-start').click()
  await page.getByTestId('scale-slider').fill('2')
  await expect(page.getByTestId('desired-count')).toHaveText('2')
  await expect(rowsIn(page, 'idle')).toHaveCount(2, { timeout: 45_000 })
  await expect(page.getByTestId('actual-count')).toHaveText('2')
  await expect(page.getByTestId('pool-state')).toHaveText('Running')
  for (const check of ['docker', 'github', 'token', 'image', 'network'])
    await expect(page.getByTestId(`health-${check}`)).toHaveAttribute('data-state', 'ok')
})

test('a running job stands out, linked to its run; the log picker and header name it', async () => {
  await emulator().queueJob(
    { owner: 'acme', repo: 'widgets' },
    { name: 'test suite', labels: ['self-hosted'], script: STEPS },
  )
  const busy = rowsIn(page, 'busy')
  await expect(busy).toHaveCount(1, { timeout: 20_000 })
  const worker = (await busy.getAttribute('data-runner'))!
  await expect(busy.getByTestId('runner-badge')).toHaveText('running a job')
  await expect(busy.getByTestId('runner-job-link')).toHaveText(/test suite/, { timeout: 15_000 })
  await expect(busy.getByTestId('runner-job-link')).toHaveAttribute(
    'href',
    /\/actions\/runs\/\d+\/job\/\d+$/,
  )
  await clearToasts(page)
  await page.screenshot({ path: path.join(DOCS, 'dashboard.png'), fullPage: true })

  await goTo(page, `#logs/${encodeURIComponent(worker)}`)
  await expect(page.getByTestId('log-viewer')).toBeVisible()
  await expect(page).toHaveTitle(`Logs of ${worker} — RunnerDock`)
  await expect(page.getByTestId('open-logs')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('log-job')).toHaveText('test suite')
  // The picker names the runner by its job and target (running, or finished by now).
  await expect(page.getByTestId('log-source').locator('option:checked')).toHaveText(
    new RegExp(`^test suite(: Succeeded| \\(running\\)) — acme/widgets \\(${worker}\\)$`),
  )
  await expect(page.getByTestId('log-line').filter({ hasText: 'PASS unit tests' })).toHaveCount(1)
  await expect(
    page.getByTestId('log-line').filter({ hasText: /completed with result: Succeeded/ }),
  ).toHaveCount(1, { timeout: 20_000 })
  await expect(page.getByTestId('log-result')).toHaveText('Succeeded', { timeout: 15_000 })
  await expect(page.getByTestId('log-run-link')).toHaveAttribute('href', /\/actions\/runs\//)
})

test('search with every line shown: a match count, Enter and Shift+Enter step through', async () => {
  await page.getByTestId('log-filter').uncheck()
  const search = page.getByTestId('log-search')
  await search.fill('step')
  await expect(page.getByTestId('log-match-count')).toHaveText('5 matches')
  await search.press('Enter')
  await expect(page.getByTestId('log-match-count')).toHaveText('1 of 5 matches')
  await expect(page.locator('[data-current="true"]')).toContainText('step 1')
  await search.press('Enter')
  await expect(page.locator('[data-current="true"]')).toContainText('step 2')
  await search.press('Shift+Enter')
  await search.press('Shift+Enter')
  await expect(page.getByTestId('log-match-count')).toHaveText('5 of 5 matches')
  await expect(page.locator('[data-current="true"]')).toContainText('step 5')
  await page.screenshot({ path: path.join(DOCS, 'log-viewer.png') })
})

test('the same notice twice is one toast with a count', async () => {
  await page.getByTestId('log-copy').click()
  await page.getByTestId('log-copy').click()
  const toast = page.getByTestId('toast').filter({ hasText: /Copied|Could not copy/ })
  await expect(toast).toHaveCount(1)
  await expect(toast.getByTestId('toast-count')).toHaveText('×2')
})

test('Stop now names the job it would fail, and Cancel keeps it running', async () => {
  await goTo(page, '#dashboard')
  await expect(rowsIn(page, 'idle')).toHaveCount(2, { timeout: 30_000 })
  await emulator().queueJob(
    { owner: 'acme', repo: 'widgets' },
    { name: 'release build', labels: ['self-hosted'], script: 'sleep 6; echo built' },
  )
  await expect(rowsIn(page, 'busy')).toHaveCount(1, { timeout: 20_000 })
  await page.getByTestId('pool-stop-now').click()
  const dialog = page.getByTestId('confirm-stop-now')
  await expect(dialog.getByRole('heading')).toHaveText('Stop now and fail 1 job?')
  await expect(dialog.getByTestId('jobs-at-risk')).toContainText('release build on acme/widgets')
  await dialog.getByTestId('confirm-cancel').click()
  await expect(dialog).toBeHidden()
  await expect(rowsIn(page, 'busy')).toHaveCount(1)
  await expect(page.getByTestId('pool-state')).toHaveText('Running')
})

test('a scale-down looks normal, and Recent jobs lists each job once', async () => {
  await expect(rowsIn(page, 'busy')).toHaveCount(0, { timeout: 30_000 })
  await expect(rowsIn(page, 'idle')).toHaveCount(2, { timeout: 30_000 })
  await recordRows(page)
  await page.getByTestId('scale-slider').fill('0')
  await expect(page.getByTestId('runner-row')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('empty-runners')).toBeVisible()
  for (const seen of await seenRows(page)) {
    expect(seen).not.toMatch(/failed|Failed:/)
    if (/^(retiring|removing|cancelling)/.test(seen)) expect(seen).toMatch(/being removed/)
  }
  const recent = page.getByTestId('recent-job')
  await expect(recent).toHaveCount(2)
  const attribute = async (name: string) =>
    Promise.all((await recent.all()).map((row) => row.getAttribute(name)))
  const runners = await attribute('data-runner')
  expect(new Set(runners).size).toBe(2)
  const results = await attribute('data-result')
  expect(results).toEqual(['Succeeded', 'Succeeded'])
  await expect(recent.first()).toContainText('release build')
  await expect(recent.first().getByTestId('recent-run-link')).toHaveAttribute(
    'href',
    /\/actions\/runs\//,
  )
  await expect(page.getByTestId('toast').filter({ hasText: /fail/i })).toHaveCount(0)
})
