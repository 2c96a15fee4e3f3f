// The History tab: jobs run through the emulator appear while it is open (the `job` event), with
// their results, waits and run times, and the charts draw them; a job's log is a key press away and
// its run opens in a new tab. Runs after the pool specs (their jobs are here too) or on its own.
import path from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { clearToasts, DOCS, emulator, ensureRunningOnDemand, goTo, openPage } from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser, '#dashboard')
  await ensureRunningOnDemand(page)
})
test.afterAll(async () => {
  await page.context().close()
})

const WIDGETS = { owner: 'acme', repo: 'widgets' }
const JOBS = [
  { name: 'history build', script: 'echo compiling; sleep 3; echo built', result: 'Succeeded' },
  {
    name: 'history tests',
    script: 'echo testing; sleep 1; echo 1 failure; exit 1',
    result: 'Failed',
  },
  { name: 'history lint', script: 'echo linting; sleep 2', result: 'Succeeded' },
]

// A job's row by its name (the row header is "workflow / job" once GitHub named the workflow).
const row = (name: string) =>
  page
    .getByTestId('history-row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`(^| / )${name}$`) }) })

// Whether a chart's canvas has anything drawn on it (uPlot draws axes, bars and points there).
async function drawnPixels(chart: Locator): Promise<number> {
  return chart.locator('canvas').evaluate((canvas) => {
    const c = canvas as unknown as {
      width: number
      height: number
      getContext(k: '2d'): { getImageData(...a: number[]): { data: Uint8ClampedArray } }
    }
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height)
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
    return n
  })
}

test('the History tab has its own heading and title, and says how jobs get there', async () => {
  await page.getByTestId('open-history').click()
  await expect(page).toHaveTitle('History — RunnerDock')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History')
  await expect(page.getByTestId('open-history')).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('history-view')).toBeVisible()
  // Empty when run on its own; after the pool specs their jobs are listed already.
  const empty = page.getByTestId('history-empty')
  if (await empty.isVisible())
    await expect(page.getByTestId('history-empty-how')).toContainText('runs-on: [self-hosted')
})

test('jobs run through the emulator appear while it is open, with results and times', async () => {
  const ids: number[] = []
  for (const job of JOBS)
    ids.push(await emulator().queueJob(WIDGETS, { ...job, labels: ['self-hosted'] }))
  for (const job of JOBS) {
    const r = row(job.name)
    await expect(r).toHaveCount(1, { timeout: 60_000 })
    await expect(r.locator('.badge')).toHaveText(job.result)
    await expect(r).toContainText('acme/widgets')
  }
  // GitHub's (the emulator's) times: the run time is the script's, within the runner's overhead.
  const took = async (name: string) => (await row(name).locator('td').nth(4).textContent())!.trim()
  expect(await took('history build')).toMatch(/^[3-9] s$/)
  expect(await took('history tests')).toMatch(/^[1-5] s$/)
  const waited = (await row('history build').locator('td').nth(3).textContent())!
  expect(waited.trim()).toMatch(/^\d+ s$/)
  for (const id of ids) expect((await emulator().job(id))?.status).toBe('completed')
})

test('the charts draw the jobs, and say in words what they show', async () => {
  // At once: jobs that end after the page's clock last ticked are inside the window too.
  await expect(page.getByTestId('history-timeline-summary')).toContainText(
    /\d+ jobs: \d+ succeeded, \d+ failed/,
    { timeout: 2_000 },
  )
  for (const chart of ['timeline-chart', 'wait-chart', 'per-day-chart', 'busy-chart']) {
    const box = page.getByTestId(chart)
    await expect(box.locator('canvas')).toHaveCount(1)
    expect(await drawnPixels(box), chart).toBeGreaterThan(500)
  }
  await expect(page.getByTestId('history-busy-summary')).toContainText(/^Busy \d+% of runner time/)
  await clearToasts(page)
  await page.screenshot({ path: path.join(DOCS, 'history.png'), fullPage: true })
})

test('a job’s log opens from the keyboard, and its run in a new tab', async () => {
  const failed = row('history tests')
  const runner = (await failed.locator('td').nth(5).textContent())!.trim()
  // The emulator serves no web pages, so the new tab ends on an error page: check what it asked for.
  const asked = page.context().waitForEvent('request', (r) => r.url().includes('/actions/runs/'))
  const popup = page.waitForEvent('popup')
  await failed.getByTestId('job-open-run').click()
  expect((await asked).url()).toMatch(/\/acme\/widgets\/actions\/runs\/\d+$/)
  await (await popup).close()
  await failed.getByTestId('job-open-log').focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#logs/${runner}$`))
  await expect(page.getByTestId('log-viewer')).toBeVisible()
  await expect(
    page.getByTestId('log-line').filter({ hasText: /completed with result: Failed/ }),
  ).toHaveCount(1, { timeout: 20_000 })
  await goTo(page, '#history')
  await expect(page.getByTestId('history-view')).toBeVisible()
})
