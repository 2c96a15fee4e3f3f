import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Runs the real keychain token store in a child Node process on a harness bus (see keyring.ts):
// libsecret talks to the bus named in its own process's environment, so each scenario gets a
// process of its own, started with the harness env.

/** One call on the token store. */
export type TokenStoreStep =
  | { readonly op: 'get'; readonly host: string }
  | { readonly op: 'set'; readonly host: string; readonly token: string }
  | { readonly op: 'clear'; readonly host: string }

/** What the child is asked to do. */
export interface TokenStoreRequest {
  readonly steps: readonly TokenStoreStep[]
  readonly timeoutMs?: number
}

/** One step's outcome as the child saw it: the store's Result and how long the call took. */
export interface TokenStoreStepResult {
  readonly op: TokenStoreStep['op']
  readonly ms: number
  readonly result:
    | { readonly ok: true; readonly value: unknown }
    | {
        readonly ok: false
        readonly error: { readonly kind: string; readonly message: string; readonly detail: string }
      }
}

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO_ROOT = path.resolve(HERE, '..', '..')
const CHILD = path.join(HERE, 'keyring-child.ts')

/**
 * Runs the steps in a fresh child process with `env` and returns each result. The child is
 * killed once it has answered: after a timed-out call libsecret keeps a thread blocked for up to
 * ~50 s, which would also hold up its exit.
 */
export function runTokenStoreSteps(
  env: NodeJS.ProcessEnv,
  request: TokenStoreRequest,
  limitMs = 20_000,
): Promise<TokenStoreStepResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(request)], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let errText = ''
    let settled = false
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      outcome()
    }
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`keyring child gave no answer in ${limitMs} ms: ${errText}`)),
        ),
      limitMs,
    )
    child.stderr.on('data', (chunk: Buffer) => (errText += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const end = out.indexOf('\n')
      if (end < 0) return
      const line = out.slice(0, end)
      finish(() => {
        try {
          resolve((JSON.parse(line) as { results: TokenStoreStepResult[] }).results)
        } catch {
          reject(new Error(`keyring child printed something unexpected: ${line}\n${errText}`))
        }
      })
    })
    child.once('error', (error) => finish(() => reject(error)))
    child.once('exit', (code, signal) =>
      finish(() =>
        reject(new Error(`keyring child exited (${code ?? signal}) without an answer: ${errText}`)),
      ),
    )
  })
}
