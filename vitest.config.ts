import { defineConfig } from 'vitest/config'

// `npm test`: fast specs (pure logic, adapters against local fakes-free parts, the renderer in
// happy-dom). The Docker/GitHub-emulator/keychain suites run in `npm run test:integration`.
export default defineConfig({
  test: {
    include: [
      'common/**/*.test.ts',
      'main/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'e2e/emulator/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/*.integration.test.ts', 'node_modules/**', 'out/**'],
    testTimeout: 20_000,
  },
})
