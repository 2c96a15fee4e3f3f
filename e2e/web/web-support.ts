// What the browser specs share (test code): where things are, a page signed in to `runnerdock
// serve`, the emulator's admin client, the Docker cut switch, and rows by phase. The specs run in
// file order on one engine and one pool, as a user would live it (see playwright.config.ts).
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from '@playwright/test'
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
