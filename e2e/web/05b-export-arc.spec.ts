// Export for Kubernetes (issue 12) from Settings: the saved pool (acme/widgets on the emulator) as
// a values file for ARC's gha-runner-scale-set chart and a guide; each file downloads and copies,
// and the values YAML parses back to the pool's settings.
import { promises as fsp } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { parse } from 'yaml'
import { ensureSetUp, goTo, openPage } from './web-support'

test.describe.configure({ mode: 'serial' })

let page: Page
test.beforeAll(async ({ browser }) => {
  page = await openPage(browser, '#dashboard', {
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  await ensureSetUp(page)
  await goTo(page, '#settings')
})
test.afterAll(async () => {
  await page.context().close()
})

const VALUES = 'acme-widgets.values.yaml'
const file = (name: string) => page.locator(`[data-testid="arc-export-file"][data-path="${name}"]`)

async function download(name: string): Promise<{ suggested: string; text: string }> {
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    file(name).getByTestId('arc-export-download').click(),
  ])
  return {
    suggested: saved.suggestedFilename(),
    text: await fsp.readFile(await saved.path(), 'utf8'),
  }
}

test('exports the saved pool: one values file per target and the guide', async () => {
  await page.getByTestId('arc-export-start').click()
  const files = page.getByTestId('arc-export-file')
  await expect(files).toHaveCount(2)
  const names = await Promise.all((await files.all()).map((f) => f.getAttribute('data-path')))
  expect(names).toEqual([VALUES, 'arc-guide.md'])
  await expect(page.getByTestId('arc-export-status')).toHaveText(
    /^2 files for chart version \d+\.\d+\.\d+, from the saved settings\.$/,
  )
  await expect(page.getByTestId('arc-export-save')).toHaveCount(0) // desktop only
})

test('the values file downloads and parses back to the pool’s settings', async () => {
  const image = await page.getByTestId('settings-image').inputValue()
  const { suggested, text } = await download(VALUES)
  expect(suggested).toBe(VALUES)
  const values = parse(text) as {
    githubConfigUrl: string
    githubConfigSecret: string
    runnerScaleSetName: string
    minRunners: number
    maxRunners: number
    template: { spec: { containers: { name: string; image: string }[] } }
  }
  // The emulator stands where a GitHub Enterprise Server would: the web URL is its origin.
  const web = new URL(process.env.RUNNERDOCK_EMULATOR_URL!).origin
  expect(values.githubConfigUrl).toBe(`${web}/acme/widgets`)
  expect(values.githubConfigSecret).toBe('runnerdock-github')
  expect(values.runnerScaleSetName).toBe('acme-widgets')
  expect(values.maxRunners).toBe(4) // global-setup's maxRunners, on demand
  expect(values.minRunners).toBeGreaterThanOrEqual(0)
  expect(values.minRunners).toBeLessThanOrEqual(values.maxRunners)
  expect(values.template.spec.containers[0]).toMatchObject({ name: 'runner', image })
  expect(text).not.toMatch(/ghp_/)

  // What the page shows is what was downloaded.
  await file(VALUES).locator('summary').click()
  await expect(file(VALUES).locator('pre')).toHaveText(text.trimEnd())
})

test('the guide downloads too, and a copy puts the exact text on the clipboard', async () => {
  const guide = await download('arc-guide.md')
  expect(guide.text).toContain('helm install')
  expect(guide.text).toContain('kubectl create secret')
  expect(guide.text).toContain(VALUES)
  await file(VALUES).getByTestId('arc-export-copy').click()
  await expect(page.getByTestId('toast').filter({ hasText: `Copied ${VALUES}.` })).toHaveCount(1)
  const copied = await page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  )
  expect(parse(copied)).toEqual(parse((await download(VALUES)).text))
})
