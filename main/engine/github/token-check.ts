import type { Target } from '../../../common/target'
import {
  insufficientMessage,
  scopeVerdict,
  type TokenCheck,
  type TokenKind,
} from '../../../common/token-access'
import type { GitHubFailure } from './github-failure'
import type { GitHubPort } from './github-port'

/** Maps a failed GitHub call during a token check to the status a UI explains. */
function failed(
  f: GitHubFailure,
  base: Omit<TokenCheck, 'status' | 'message' | 'canRegister'>,
): TokenCheck {
  const status: TokenCheck['status'] =
    f.kind === 'unauthorized'
      ? 'invalid'
      : f.kind === 'rate-limited'
        ? 'rate-limited'
        : f.kind === 'network' || f.kind === 'server' || f.kind === 'unanswered'
          ? 'unreachable'
          : 'no-access'
  const message =
    f.kind === 'unauthorized'
      ? 'GitHub does not accept this token (it is wrong, expired or revoked). Create a new token and save it.'
      : f.message
  return { ...base, status, message, canRegister: false }
}

/**
 * Answers "whose token is this, and may it register runners on the target?" as plain data. Classic
 * tokens are judged by their scopes header; every token then makes one harmless call that needs
 * the permission (a registration token), the only sure check for fine-grained tokens.
 */
export async function checkToken(
  github: GitHubPort,
  target: Target | null,
  token: { kind: TokenKind; source: 'keychain' | 'environment' },
  now: number,
): Promise<TokenCheck> {
  const base = { login: null, kind: token.kind, scopes: null, source: token.source, checkedAt: now }
  const identity = await github.identify()
  if (!identity.ok) return failed(identity.error, base)
  const known = { ...base, login: identity.value.login, scopes: identity.value.scopes }
  if (target === null) {
    return {
      ...known,
      status: 'valid',
      canRegister: false,
      message: `Token of ${identity.value.login}. Choose a repository or organization to check runner access.`,
    }
  }
  const verdict = scopeVerdict(target, identity.value.scopes)
  if (verdict.verdict === 'missing') {
    return {
      ...known,
      status: 'insufficient',
      canRegister: false,
      message: insufficientMessage(target, token.kind, identity.value.login),
    }
  }
  const probe = await github.probeRunnerAdmin(target)
  if (!probe.ok) {
    if (probe.error.kind === 'forbidden') {
      return {
        ...known,
        status: 'insufficient',
        canRegister: false,
        message: insufficientMessage(target, token.kind, identity.value.login),
      }
    }
    return failed(probe.error, known)
  }
  return {
    ...known,
    status: 'valid',
    canRegister: true,
    message: `Token of ${identity.value.login}; it may register runners.`,
  }
}
