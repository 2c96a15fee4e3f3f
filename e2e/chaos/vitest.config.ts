import path from 'node:path'
import { defineConfig } from 'vitest/config'

// `npm run test:chaos`: bounded-time reliability suites (a fuzz storm against the headless host,
// a 200 MB log line through the Docker adapter, processes racing for the pool lock, 50 SIGKILLs of
// `runnerdock up`, a SIGKILLed Docker daemon, and the reproductions of what those found). Each
// writes its figures to e2e/chaos/results/<suite>.json; scripts/reliability-report.ts turns them
// into docs/reliability.md. Files run one at a time: they measure time and memory. Suites that
// take minutes set their own timeout; the whole run stays under 15 minutes on 2 cores.
export default defineConfig({
  root: path.resolve(__dirname, '../..'),
  test: {
    include: ['e2e/chaos/**/*.chaos.test.ts'],
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 60_000,
  },
})
