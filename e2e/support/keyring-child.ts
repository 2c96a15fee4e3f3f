import { createKeychainTokenStore } from '../../main/engine/secrets/keychain-token-store'
import type { TokenStoreRequest, TokenStoreStepResult } from './keyring-steps'

// Child process entry for keyring-steps.ts: runs the steps given as argv[2] (JSON) against the
// real keychain and prints one JSON line. keytar is loaded the production way (lazily, by the
// store) and GITHUB_TOKEN comes from this process's own environment.

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{"steps":[]}') as TokenStoreRequest
  const store = createKeychainTokenStore(
    request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs },
  )
  const results: TokenStoreStepResult[] = []
  for (const step of request.steps) {
    const started = Date.now()
    const result =
      step.op === 'get'
        ? await store.get(step.host)
        : step.op === 'set'
          ? await store.set(step.host, step.token)
          : await store.clear(step.host)
    results.push({ op: step.op, ms: Date.now() - started, result })
  }
  process.stdout.write(`${JSON.stringify({ results })}\n`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exit(1)
  },
)
