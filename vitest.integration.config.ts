import { defineConfig } from 'vitest/config'

// Suites that drive the real Docker engine, the GitHub API emulator, the stand-in runner image and
// gnome-keyring. They share one Docker daemon, so files run one at a time.
export default defineConfig({
  test: {
    include: [
      '**/*.integration.test.ts',
      'e2e/integration/**/*.test.ts',
      'e2e/runner-image/**/*.test.ts',
    ],
    exclude: ['node_modules/**', 'out/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
