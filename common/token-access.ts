import { z } from 'zod'
import type { Target } from './target'
import { formatTarget } from './target'

/** Token families by prefix (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/). */
export const tokenKindSchema = z.enum(['classic', 'fine-grained', 'oauth', 'other'])
/** The family a token belongs to, which decides how its permissions can be checked. */
export type TokenKind = z.infer<typeof tokenKindSchema>

/** Tells classic, fine-grained and OAuth tokens apart from their prefix. */
export function tokenKindOf(token: string): TokenKind {
  if (token.startsWith('github_pat_')) return 'fine-grained'
  if (token.startsWith('ghp_')) return 'classic'
  if (token.startsWith('gho_') || token.startsWith('ghu_')) return 'oauth'
  return 'other'
}

/**
 * Classic scopes that allow registering runners on the target; any one suffices (docs/github-facts.md).
 * `manage_runners:org` is GitHub's narrower scope for organization runners.
 */
export function scopesFor(target: Target): readonly string[] {
  return target.kind === 'repo' ? ['repo'] : ['admin:org', 'manage_runners:org']
}

/** The scopes a "Create token on GitHub" link pre-fills: the narrowest that works. */
export function scopesToRequest(target: Target | null): string {
  return target?.kind === 'org' ? 'manage_runners:org' : 'repo'
}

/** GitHub's new-token page, pre-filled with exactly the scopes the target needs. */
export function newTokenUrl(webUrl: string, target: Target | null): string {
  const params = new URLSearchParams({ scopes: scopesToRequest(target), description: 'RunnerDock' })
  return `${webUrl}/settings/tokens/new?${params.toString()}`
}

/**
 * Reads the `X-OAuth-Scopes` answer for a target: `null` scopes (fine-grained tokens send no header)
 * means only a call that needs the permission can tell.
 */
export function scopeVerdict(
  target: Target,
  scopes: readonly string[] | null,
):
  | { verdict: 'allowed' }
  | { verdict: 'missing'; needed: readonly string[] }
  | { verdict: 'unknown' } {
  if (scopes === null) return { verdict: 'unknown' }
  const needed = scopesFor(target)
  return needed.some((s) => scopes.includes(s))
    ? { verdict: 'allowed' }
    : { verdict: 'missing', needed }
}

/** Parses the comma-separated `X-OAuth-Scopes` header; absent means "not a classic token". */
export function parseScopesHeader(header: string | null | undefined): string[] | null {
  if (header === undefined || header === null) return null
  return header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/** The outcome of a token check, as plain data a UI can explain. Never carries the token. */
export const tokenCheckSchema = z.object({
  status: z.enum([
    'valid',
    'missing',
    'invalid',
    'insufficient',
    'no-access',
    'unreachable',
    'rate-limited',
    'keychain',
  ]),
  login: z.string().nullable(),
  kind: tokenKindSchema.nullable(),
  scopes: z.array(z.string()).nullable(),
  source: z.enum(['keychain', 'environment']).nullable(),
  canRegister: z.boolean(),
  message: z.string(),
  checkedAt: z.number(),
})
/** A token check's result. */
export type TokenCheck = z.infer<typeof tokenCheckSchema>

/** What a missing permission means, in the words of the token family the user holds. */
export function insufficientMessage(target: Target, kind: TokenKind, login: string | null): string {
  const who = login ? `The token of ${login}` : 'This token'
  const where = formatTarget(target)
  if (kind === 'fine-grained') {
    return target.kind === 'repo'
      ? `${who} cannot register runners on ${where}. Give it the repository permission "Administration: Read and write" for ${where}, or create a new token.`
      : `${who} cannot register runners in ${where}. Give it the organization permission "Self-hosted runners: Read and write", or create a new token.`
  }
  const needed = scopesFor(target).join('" or "')
  return `${who} lacks the "${needed}" scope needed to register runners on ${where}. Create a new token with that scope.`
}

/** Describes a checked token in one line, never showing the token itself. */
export function describeCheck(check: TokenCheck): string {
  const kind =
    check.kind === 'classic'
      ? 'classic token'
      : check.kind === 'fine-grained'
        ? 'fine-grained token'
        : check.kind === 'oauth'
          ? 'OAuth token'
          : 'token'
  const scopes =
    check.scopes === null
      ? ''
      : `; scopes: ${check.scopes.length ? check.scopes.join(', ') : 'none'}`
  const source =
    check.source === 'environment'
      ? ' from GITHUB_TOKEN (not saved)'
      : check.source === 'keychain'
        ? ' from the keychain'
        : ''
  return `${check.login ?? 'unknown account'} (${kind}${scopes})${source}`
}
