import { defineConfig } from 'vitest/config'

// `npm run test:podman`: the pool on Podman (e2e/podman/). The suite starts its own Podman API
// service and skips, saying why, when podman is not installed.
export default defineConfig({
  test: {
    include: ['e2e/podman/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**'],
    fileParallelism: false,
    // Verbose: a skipped suite's title carries the reason (podman missing) into the CI log.
    reporters: ['verbose'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
})
