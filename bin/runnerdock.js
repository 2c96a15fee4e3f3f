#!/usr/bin/env node
// The `runnerdock` command: built by `npm run build` into out/cli/runnerdock.cjs.
try {
  require('../out/cli/runnerdock.cjs')
} catch (error) {
  if (
    error &&
    error.code === 'MODULE_NOT_FOUND' &&
    String(error.message).includes('runnerdock.cjs')
  ) {
    console.error(
      'runnerdock is not built yet. Run "npm run build" in the RunnerDock folder first.',
    )
    process.exit(1)
  }
  throw error
}
