import { err, ok, type Result } from '../../../common/result'
import { keychainAccountFor } from '../../../common/target'
import {
  keychainErrorToFailure,
  probeErrorToFailure,
  timeoutFailure,
  type KeychainPlatform,
} from './keychain-failure'
import type { KeychainFailure, StoredToken, TokenStore } from './token-store-port'

/**
 * The three keytar calls RunnerDock needs, so tests and hosts can pass their own. `findCredentials`
 * is left out on purpose: on a locked keyring it crashes the whole process (docs/platform-notes.md).
 */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

/** What a host may change about the keychain adapter; every field has a production default. */
export interface KeychainTokenStoreOptions {
  /** Defaults to the `keytar` package, loaded on first use so importing this module does nothing. */
  readonly keytar?: KeytarLike
  /** Per keychain call; a stalled Secret Service otherwise blocks for ~50 s. */
  readonly timeoutMs?: number
  /** Where GITHUB_TOKEN is read from (libsecret itself always uses the real process env). */
  readonly env?: NodeJS.ProcessEnv
  /** The keychain service name all accounts live under. */
  readonly service?: string
  /** Chooses the wording of failure messages. */
  readonly platform?: KeychainPlatform
}

/** The keychain service name: one per app, so users find "RunnerDock" in their password manager. */
export const KEYCHAIN_SERVICE = 'RunnerDock'

/** The account written and deleted to tell a locked keychain from an empty one. */
export const PROBE_ACCOUNT = 'runnerdock-keychain-probe'

/** Long enough for a slow unlock round trip, far shorter than libsecret's own ~50 s stall. */
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 5000

/**
 * The keychain account for a GitHub host (`github.com`, `ghe.example.com:8443`): one token per
 * host, lower-cased (`keychainAccountFor`, the same rule `parseApiUrl` applies to what users
 * enter). A host that cannot be one here is a bug: settings never hold such an API URL.
 */
export function keychainAccount(host: string): string {
  const account = keychainAccountFor(host)
  if (account === null) {
    throw new TypeError(
      `Expected a GitHub host name such as github.com, got ${JSON.stringify(host)}`,
    )
  }
  return account
}

/** The token from GITHUB_TOKEN, or null when unset or blank. */
export function environmentToken(env: NodeJS.ProcessEnv): string | null {
  const token = env.GITHUB_TOKEN?.trim()
  return token ? token : null
}

type Attempt<T> =
  | { readonly kind: 'answered'; readonly value: T }
  | { readonly kind: 'threw'; readonly error: unknown }
  | { readonly kind: 'timed-out'; readonly detail: string }

// `require` where it exists (the CommonJS builds of the app and the CLI): bundlers keep an
// `import()` of an external package as a real ESM import, which ignores NODE_PATH and is fragile
// for native addons unpacked from Electron's asar. `import()` only where there is no `require`.
async function loadKeytar(): Promise<KeytarLike> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy native load, see above
  if (typeof require === 'function') return require('keytar') as KeytarLike
  const loaded = (await import('keytar')) as KeytarLike & { default?: KeytarLike }
  return loaded.default ?? loaded
}

/**
 * The token store backed by the OS keychain through keytar. GITHUB_TOKEN, when set, is returned
 * by `get` without touching the keychain (headless servers); `set` and `clear` always act on it.
 */
export function createKeychainTokenStore(options: KeychainTokenStoreOptions = {}): TokenStore {
  const service = options.service ?? KEYCHAIN_SERVICE
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  let keytar: Promise<KeytarLike> | null = options.keytar ? Promise.resolve(options.keytar) : null
  // Calls that timed out but have not settled. Each one holds a libuv thread-pool thread (4 by
  // default, shared with fs and crypto), so while one is stuck we fail fast instead of piling on.
  let stuck = 0

  async function attempt<T>(what: string, run: (k: KeytarLike) => Promise<T>): Promise<Attempt<T>> {
    if (stuck > 0) {
      return {
        kind: 'timed-out',
        detail: `${what} not tried: an earlier keychain call is still waiting for an answer`,
      }
    }
    let pending: Promise<T>
    try {
      keytar ??= loadKeytar()
      const k = await keytar
      pending = Promise.resolve().then(() => run(k))
    } catch (error) {
      keytar = null // a failed load (no libsecret) may succeed after the user installs it
      return { kind: 'threw', error }
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    try {
      const first = await Promise.race([pending.then((value) => ({ value })), timeout])
      if (first !== 'timeout') return { kind: 'answered', value: first.value }
      stuck += 1
      pending.then(
        () => (stuck -= 1),
        () => (stuck -= 1),
      )
      return { kind: 'timed-out', detail: `${what} got no answer within ${timeoutMs} ms` }
    } catch (error) {
      return { kind: 'threw', error }
    } finally {
      clearTimeout(timer)
    }
  }

  function timedOut(detail: string): Result<never, KeychainFailure> {
    return err(timeoutFailure(platform, timeoutMs, detail))
  }

  // A locked gnome-keyring answers reads with null and deletes with false, but refuses writes; so
  // "nothing there" is only believed once a throwaway write succeeds.
  async function probeWritable(): Promise<Result<void, KeychainFailure>> {
    const write = await attempt('write probe', (k) =>
      k.setPassword(service, PROBE_ACCOUNT, 'probe'),
    )
    if (write.kind === 'timed-out') return timedOut(write.detail)
    if (write.kind === 'threw') return err(probeErrorToFailure(write.error, platform))
    await attempt('write probe cleanup', (k) => k.deletePassword(service, PROBE_ACCOUNT))
    return ok(undefined)
  }

  return {
    async get(host) {
      const account = keychainAccount(host)
      const fromEnv = environmentToken(env)
      if (fromEnv !== null) return ok<StoredToken>({ token: fromEnv, source: 'environment' })
      const read = await attempt('reading the token', (k) => k.getPassword(service, account))
      if (read.kind === 'timed-out') return timedOut(read.detail)
      if (read.kind === 'threw') return err(keychainErrorToFailure(read.error, platform))
      if (read.value !== null) return ok<StoredToken>({ token: read.value, source: 'keychain' })
      const probe = await probeWritable()
      return probe.ok ? ok(null) : probe
    },

    async set(host, token) {
      const account = keychainAccount(host)
      if (token.length === 0) throw new TypeError('Refusing to save an empty token')
      const write = await attempt('saving the token', (k) => k.setPassword(service, account, token))
      if (write.kind === 'timed-out') return timedOut(write.detail)
      if (write.kind === 'threw') return err(keychainErrorToFailure(write.error, platform, [token]))
      return ok(undefined)
    },

    async clear(host) {
      const account = keychainAccount(host)
      const removal = await attempt('removing the token', (k) => k.deletePassword(service, account))
      if (removal.kind === 'timed-out') return timedOut(removal.detail)
      if (removal.kind === 'threw') return err(keychainErrorToFailure(removal.error, platform))
      if (removal.value) return ok({ removed: true })
      const probe = await probeWritable()
      return probe.ok ? ok({ removed: false }) : probe
    },
  }
}
