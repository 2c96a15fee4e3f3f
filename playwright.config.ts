import { defineConfig } from '@playwright/test'

/**
 * The browser end-to-end suite: Debian's Chromium (never a downloaded browser) against
 * `runnerdock serve` + the GitHub API emulator + the real Docker engine, all started by
 * `e2e/web/global-setup.ts`. One worker: the specs share one engine and one pool, as a user would.
 */
export default defineConfig({
  testDir: 'e2e/web',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/web/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
