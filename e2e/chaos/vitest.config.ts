import path from 'node:path'
import { defineConfig } from 'vitest/config'

// `npm run test:chaos`: bounded-time reliability suites (a fuzz storm against the headless host,
// a 200 MB log line through the Docker adapter, processes racing for the pool lock). Each writes
// its figures to e2e/chaos/results/<suite>.json; scripts/reliability-report.ts turns them into
// docs/reliability.md. Files run one at a time: they measure time and memory.
export default defineConfig({
  root: path.resolve(__dirname, '../..'),
  test: {
    include: ['e2e/chaos/**/*.chaos.test.ts'],
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 60_000,
  },
})
