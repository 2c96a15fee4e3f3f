// axe-core, from npm and injected from disk (never a CDN), on every view in both themes, with a
// confirmation open, and with the Kubernetes export's files open: no serious or critical
// violation. The pool is running (on demand) from the specs before, so the dashboard shows its
// running state and History its jobs. Each result is written to the test's attachments, minor and
// moderate findings included.
import { expect, test, type Page } from '@playwright/test'
import { openPage } from './web-support'

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]
  passes: unknown[]
}

async function axe(page: Page): Promise<AxeResult> {
  // The page's CSP forbids inline scripts; the context bypasses it for this injection only.
  await page.addScriptTag({ path: require.resolve('axe-core') })
  return page.evaluate(
    () =>
      (
        globalThis as unknown as { axe: { run(): Promise<AxeResult> } }
      ).axe.run() as Promise<AxeResult>,
  )
}

interface View {
  name: string
  hash: string
  ready: string
  /** A button that opens a confirmation (an alertdialog). */
  open?: string
  /** A button that reveals more of the view, and what then shows. */
  reveal?: { click: string; shown: string }
}

const VIEWS: View[] = [
  { name: 'dashboard', hash: '#dashboard', ready: 'pool-state' },
  { name: 'history', hash: '#history', ready: 'history-view' },
  { name: 'logs', hash: '#logs', ready: 'log-viewer' },
  { name: 'settings', hash: '#settings', ready: 'settings' },
  {
    name: 'settings with the Kubernetes export',
    hash: '#settings',
    ready: 'settings',
    reveal: { click: 'arc-export-start', shown: 'arc-export-file' },
  },
  { name: 'stop-now dialog', hash: '#dashboard', ready: 'pool-stop-now', open: 'pool-stop-now' },
]

for (const colorScheme of ['light', 'dark'] as const) {
  for (const view of VIEWS) {
    test(`${view.name}, ${colorScheme} theme: no serious or critical accessibility violation`, async ({
      browser,
    }, info) => {
      const page = await openPage(browser, view.hash, { colorScheme, bypassCSP: true })
      try {
        await expect(page.getByTestId(view.ready)).toBeVisible()
        if (view.reveal) {
          await page.getByTestId(view.reveal.click).click()
          await expect(page.getByTestId(view.reveal.shown).first()).toBeVisible()
          await page
            .locator('details:not([open]) > summary')
            .evaluateAll((all) => all.forEach((s) => (s as unknown as { click(): void }).click()))
        }
        if (view.open) {
          await page.getByTestId(view.open).click()
          await expect(page.getByRole('alertdialog')).toBeVisible()
        }
        const result = await axe(page)
        const summary = result.violations.map(
          (v) =>
            `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        )
        await info.attach('axe', {
          body: summary.join('\n') || 'no violations',
          contentType: 'text/plain',
        })
        console.log(
          `axe ${view.name} ${colorScheme}: ${result.passes.length} rules pass; ${summary.length} violations${summary.length ? `\n  ${summary.join('\n  ')}` : ''}`,
        )
        const serious = result.violations.filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        )
        expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' '))}`)).toEqual([])
      } finally {
        await page.context().close()
      }
    })
  }
}
