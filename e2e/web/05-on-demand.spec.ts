// On demand: the pool follows the jobs that wait. Switched from the pool card, queued jobs appear
// in the Targets card (how many, how long the oldest waits) and are served; a public repository
// is held until allowed after its risk is stated; discovery finds repositories that ask for
// self-hosted runners; the runs-on line gives the exact labels.
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { DOCS, emulator, goTo, openPage, rowsIn, targetRow } from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser, '#dashboard')
})
test.afterAll(async () => {
  await emulator().setRunnerStartupDelay(0)
  await page.context().close()
})

const WIDGETS = { owner: 'acme', repo: 'widgets' }

test('switching to on demand: queued jobs appear with their wait, then are served', async () => {
  await page.getByTestId('scale-slider').fill('0')
  await expect(page.getByTestId('runner-row')).toHaveCount(0, { timeout: 30_000 })
  await page.getByTestId('mode-on-demand').check()
  await expect(page.getByTestId('pool-min-idle')).toHaveValue('0')
  await expect(page.getByTestId('scale-slider')).toHaveCount(0)
  await expect(page.getByTestId('empty-runners')).toHaveText(
    'No job waits: runners start when one is queued.',
  )
  const served = await page.getByTestId('recent-job').count()

  // Runners take a few seconds to come online, so the queue is there to be seen.
  await emulator().setRunnerStartupDelay(4000)
  for (const name of ['lint', 'unit tests'])
    await emulator().queueJob(WIDGETS, {
      name,
      labels: ['self-hosted'],
      script: `echo ${name}; sleep 2`,
    })
  const widgets = targetRow(page, 'acme/widgets')
  await expect(widgets.getByTestId('target-queued')).toHaveText('2', { timeout: 20_000 })
  await expect(page.getByTestId('queued-count')).toHaveText('2')
  await expect(widgets.getByTestId('target-waited')).toHaveText(/^\d+ s$/)
  await expect(widgets.getByTestId('target-wanted')).toHaveText('2')
  await page
    .getByTestId('targets-card')
    .screenshot({ path: path.join(DOCS, 'targets-on-demand.png') })

  await expect(rowsIn(page, 'busy')).toHaveCount(2, { timeout: 30_000 })
  await expect(page.getByTestId('recent-job')).toHaveCount(served + 2, { timeout: 30_000 })
  await expect(page.getByTestId('recent-job').first()).toHaveAttribute('data-result', 'Succeeded')
  await expect(widgets.getByTestId('target-queued')).toHaveText('0')
  // Nothing waits and no warm minimum: nothing is wanted; idle runners go after the idle timeout.
  await expect(widgets.getByTestId('target-wanted')).toHaveText('0')
  await expect(rowsIn(page, 'busy')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('pool-state')).toHaveText('Running')
})

test('the exact labels are given as the runs-on line for workflows', async () => {
  await expect(page.getByTestId('runs-on-line')).toHaveText(
    /^runs-on: \[self-hosted, Linux, X64\]$/,
  )
})

test('a public repository is held until allowed, after a confirmation that states the risk', async () => {
  await emulator().setRepo({ owner: 'acme', repo: 'site', visibility: 'public' })
  await page.getByTestId('target-add-input').fill('acme/site')
  await page.getByTestId('target-add').click()
  const site = targetRow(page, 'acme/site')
  await expect(site.getByTestId('target-hold')).toHaveAttribute('data-reason', 'public', {
    timeout: 20_000,
  })
  await expect(site.getByTestId('target-hold')).not.toContainText('runnerdock up')
  // One target is still served: the pool is not on hold as a whole.
  await expect(page.getByTestId('pool-state')).toHaveText('Running')
  await site.getByTestId('target-allow').click()
  const dialog = page.getByTestId('confirm-allow-public')
  await expect(dialog.getByTestId('public-risk')).toContainText(
    'acme/site is public. Anyone can fork it and open a pull request',
  )
  await dialog.getByTestId('confirm-ok').click()
  await expect(site.getByTestId('target-hold')).toHaveCount(0, { timeout: 20_000 })
  await expect(site).toContainText('Serving')
  await goTo(page, '#settings')
  await expect(page.getByTestId('settings-allow-public')).toHaveValue(/acme\/site/)
  await goTo(page, '#dashboard')
  await site.getByTestId('target-remove').click()
  await expect(site).toHaveCount(0)
})

test('discovery lists repositories that ask for self-hosted runners, with why, to add', async () => {
  await emulator().setRepo({
    owner: 'acme',
    repo: 'tools',
    visibility: 'private',
    workflows: {
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  build:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make\n',
    },
  })
  await page.getByTestId('discover-start').click()
  const found = page.locator('[data-testid="discovered-repo"][data-target="acme/tools"]')
  await expect(found).toBeVisible({ timeout: 20_000 })
  await expect(found).toContainText('private')
  await expect(found).toContainText('ci.yml')
  await found.getByTestId('discover-add').click()
  await expect(found.getByTestId('discover-add')).toHaveText('Added')
  const tools = targetRow(page, 'acme/tools')
  await expect(tools).toHaveAttribute('data-source', 'chosen')
  await tools.getByTestId('target-remove').click()
  await expect(tools).toHaveCount(0)
})
