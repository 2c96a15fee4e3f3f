// What the browser specs share (test code): where things are, a page signed in to `runnerdock
// serve`, the emulator's admin client, the Docker cut switch, and rows by phase. The specs run in
// file order on one engine and one pool, as a user would live it (see playwright.config.ts).
import path from 'node:path'
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import { connectEmulator } from '../emulator/admin-client'

/** Where the screenshots go (README.md shows them). */
export const DOCS = path.resolve(__dirname, '../../docs')

/** A token the emulator accepts (classic, scope `repo`). */
export const TOKEN = `ghp_${'e2e0'.repeat(9)}`

/** The emulator's admin API (`/_emulator/...`). */
export const emulator = () => connectEmulator(process.env.RUNNERDOCK_EMULATOR_URL!)

/** Cuts or restores the Docker proxy `runnerdock serve` talks through. */
export const dockerProxy = (action: 'cut' | 'restore') =>
  fetch(`${process.env.RUNNERDOCK_CONTROL_URL}/docker/${action}`, { method: 'POST' })

/** A new page signed in (the served URL carries the access token), at a view's hash. */
export async function openPage(
  browser: Browser,
  hash = '',
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  page.on('pageerror', (error) => {
    throw error
  })
  await page.goto(process.env.RUNNERDOCK_URL!)
  await page.getByTestId('open-dashboard').waitFor()
  if (hash) await goTo(page, hash)
  return page
}

/** Switches the page to a view the way a link does. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, hash)
}

/** The runner rows in one phase. */
export const rowsIn = (page: Page, phase: string) =>
  page.locator(`[data-testid="runner-row"][data-phase="${phase}"]`)

/** A target's row in the Targets card. */
export const targetRow = (page: Page, name: string) =>
  page.locator(`[data-testid="target-row"][data-target="${name}"]`)

/**
 * Records, every 25 ms in the page, what each runner row showed (phase | badge | doing), so a
 * spec can check what flashed by during a scale-down. Read it with `seenRows`.
 */
export async function recordRows(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      __rows: string[]
      document: {
        querySelectorAll(s: string): Iterable<{
          getAttribute(n: string): string | null
          querySelector(s: string): { textContent: string | null } | null
        }>
      }
      setInterval(f: () => void, ms: number): number
    }
    g.__rows = []
    g.setInterval(() => {
      for (const row of g.document.querySelectorAll('[data-testid="runner-row"]')) {
        const seen = [
          row.getAttribute('data-phase'),
          row.querySelector('[data-testid="runner-badge"]')?.textContent,
          row.querySelector('[data-testid="runner-job"]')?.textContent,
        ].join(' | ')
        if (!g.__rows.includes(seen)) g.__rows.push(seen)
      }
    }, 25)
  })
}

/** What `recordRows` saw. */
export const seenRows = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __rows: string[] }).__rows)

/** Dismisses every toast, so a screenshot for the docs shows the page itself. */
export async function clearToasts(page: Page): Promise<void> {
  const dismiss = page.getByTestId('toast').getByRole('button', { name: 'Dismiss' })
  while ((await dismiss.count()) > 0) await dismiss.first().click()
}

/**
 * A target (acme/widgets) and a token, whatever the specs before left: a spec run on its own
 * (`npx playwright test e2e/web/05a-history.spec.ts`) sets them up as a user would, in the
 * dashboard's first-run setup; after 01-first-run this does nothing.
 */
export async function ensureSetUp(page: Page): Promise<void> {
  await goTo(page, '#dashboard')
  await expect(page.getByTestId('pool-state')).toBeVisible()
  if (!(await page.getByTestId('token-setup').isVisible())) return
  const target = page.getByTestId('target-input')
  if ((await target.isVisible()) && (await target.inputValue()) === '') {
    await target.fill('acme/widgets')
    await page.getByTestId('target-save').click()
  }
  const token = page.getByTestId('token-input')
  if (await token.isVisible()) {
    await token.fill(TOKEN)
    await page.getByTestId('token-save').click()
    await expect(page.getByTestId('token-status')).toContainText('octocat')
  }
  const done = page.getByTestId('setup-done')
  if (await done.isVisible()) await done.click()
}

/** `ensureSetUp`, then the pool running on demand (queued jobs get runners), as 05 leaves it. */
export async function ensureRunningOnDemand(page: Page): Promise<void> {
  await ensureSetUp(page)
  const onDemand = page.getByTestId('mode-on-demand')
  if (!(await onDemand.isChecked())) await onDemand.check()
  const start = page.getByTestId('pool-start')
  if (await start.isVisible()) await start.click()
  await expect(page.getByTestId('pool-state')).toHaveText('Running', { timeout: 30_000 })
}
