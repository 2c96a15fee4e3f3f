import type { Result } from '../../../common/result'

/** Where the token in use came from; `environment` (GITHUB_TOKEN) is never persisted. */
export type TokenSource = 'keychain' | 'environment'

/**
 * Why the keychain could not answer. `locked` and `unavailable` are told apart from "no token
 * saved" (which is not a failure: `get` returns null). `message` says what to do.
 */
export interface KeychainFailure {
  readonly kind: 'locked' | 'unavailable' | 'timeout'
  readonly message: string
  readonly detail: string
}

/** A token and where it came from. The value must never reach logs, settings or the renderer. */
export interface StoredToken {
  readonly token: string
  readonly source: TokenSource
}

/** The PAT's only home: the OS keychain, one account per GitHub host. */
export interface TokenStore {
  /** The token for a host (GITHUB_TOKEN wins when set), or null when none is saved. */
  get(host: string): Promise<Result<StoredToken | null, KeychainFailure>>
  /** Saves (or replaces) the host's token in the keychain. */
  set(host: string, token: string): Promise<Result<void, KeychainFailure>>
  /** Removes the host's token from the keychain; `removed` is false if there was none. */
  clear(host: string): Promise<Result<{ removed: boolean }, KeychainFailure>>
}
