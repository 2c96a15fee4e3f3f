import { err, ok, type Result } from '../../../common/result'
import { parseApiUrl, plainHttpRefusal, type Target } from '../../../common/target'
import { tokenKindOf, type TokenCheck } from '../../../common/token-access'
import type { TokenStore, StoredToken } from '../secrets/token-store-port'
import { thisMachineAddresses } from './machine-addresses'
import { createOctokitGitHub } from './octokit-github'
import type { GitHubPort, RateLimitNotice } from './github-port'
import { checkToken } from './token-check'

/** A GitHub adapter bound to the token found for one host, and that token's origin. */
export interface GitHubSession {
  readonly github: GitHubPort
  readonly host: string
  readonly source: StoredToken['source']
  readonly kind: ReturnType<typeof tokenKindOf>
  /** Masks this token wherever text is shown. */
  readonly secret: string
  check(target: Target | null, now?: number): Promise<TokenCheck>
}

/** Why no session could be opened, already in the user's words. */
export interface SessionFailure {
  readonly kind: 'no-token' | 'keychain' | 'bad-url'
  readonly message: string
}

/** Builds a session around a token value (used by `token set` before saving). */
export function sessionForToken(
  apiUrl: string,
  host: string,
  stored: StoredToken,
  onRateLimit?: (n: RateLimitNotice) => void,
  onResponse?: (route: string, status: number, rateLimitRemaining: number | null) => void,
): GitHubSession {
  const github = createOctokitGitHub({
    apiUrl,
    token: stored.token,
    ...(onRateLimit ? { onRateLimit } : {}),
    ...(onResponse ? { onResponse } : {}),
  })
  const kind = tokenKindOf(stored.token)
  return {
    github,
    host,
    source: stored.source,
    kind,
    secret: stored.token,
    check: (target, now = Date.now()) =>
      checkToken(github, target, { kind, source: stored.source }, now),
  }
}

/**
 * Opens a GitHub session with the token saved for the API's host (or GITHUB_TOKEN). The token
 * stays inside the returned adapter; callers only see its origin and kind.
 */
export async function openGitHubSession(
  tokens: TokenStore,
  apiUrl: string,
  onRateLimit?: (n: RateLimitNotice) => void,
  onResponse?: (route: string, status: number, rateLimitRemaining: number | null) => void,
): Promise<Result<GitHubSession, SessionFailure>> {
  const api = parseApiUrl(apiUrl)
  if (!api.ok) return err({ kind: 'bad-url', message: api.error })
  // Before the keychain is even asked: a token for a cleartext remote URL is never looked up.
  const refusal = plainHttpRefusal(api.value.apiUrl, thisMachineAddresses())
  if (refusal !== null) return err({ kind: 'bad-url', message: refusal })
  const stored = await tokens.get(api.value.host)
  if (!stored.ok) return err({ kind: 'keychain', message: stored.error.message })
  if (stored.value === null) {
    return err({
      kind: 'no-token',
      message: `No GitHub token is saved for ${api.value.host}. Run "runnerdock token set" (or set GITHUB_TOKEN), then try again.`,
    })
  }
  return ok(
    sessionForToken(api.value.apiUrl, api.value.host, stored.value, onRateLimit, onResponse),
  )
}
