import { defineConfig } from '@playwright/test'

/**
 * The Electron end-to-end suite: the built app (`npm run build`) launched with Playwright's
 * `_electron`, one app per test with a fresh config folder. Where the Electron binary is not
 * installed (this project's offline machines) every spec skips and says why; see
 * e2e/electron/electron-app.ts. On Linux CI it runs under xvfb-run.
 */
export default defineConfig({
  testDir: 'e2e/electron',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/electron' }]],
  outputDir: 'test-results/electron',
  use: { trace: 'retain-on-failure' },
})
