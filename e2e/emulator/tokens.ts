// Who a bearer token belongs to and what it may do: classic tokens carry OAuth scopes
// (`X-OAuth-Scopes`), fine-grained ones carry permissions GitHub does not list (docs/github-facts.md).

/** How a test describes a token: a classic PAT with scopes, or a fine-grained PAT. */
export type TokenSpec =
  | {
      readonly token: string
      readonly kind: 'classic'
      readonly scopes?: readonly string[]
      readonly login?: string
      readonly userId?: number
    }
  | {
      readonly token: string
      readonly kind: 'fine-grained'
      /** Repository Administration: write / organization Self-hosted runners: write. */
      readonly canAdministerRunners: boolean
      readonly login?: string
      readonly userId?: number
    }

/** A token the emulator recognises, with defaults filled in. */
export interface TokenIdentity {
  readonly token: string
  readonly kind: 'classic' | 'fine-grained'
  readonly scopes: readonly string[]
  readonly canAdministerRunners: boolean
  readonly login: string
  readonly userId: number
}

/** Scopes an unknown token gets: enough for repository and organization runners. */
export const DEFAULT_SCOPES: readonly string[] = ['repo', 'admin:org']
/** The login every token belongs to unless a test says otherwise (GitHub's mascot, user 1). */
export const DEFAULT_LOGIN = 'octocat'

/** Registry of tokens: which are known, which were revoked, and whether strangers are welcome. */
export class TokenRegistry {
  private readonly known = new Map<string, TokenIdentity>()
  private readonly revoked = new Set<string>()
  private acceptUnknown = true

  /** Replaces the registered tokens; unknown tokens stay accepted unless told otherwise. */
  set(specs: readonly TokenSpec[], options: { acceptUnknownTokens?: boolean } = {}): void {
    this.known.clear()
    this.revoked.clear()
    for (const spec of specs) this.add(spec)
    this.acceptUnknown = options.acceptUnknownTokens ?? true
  }

  /** Registers (or replaces) one token and clears a revocation of it. */
  add(spec: TokenSpec): TokenIdentity {
    const identity: TokenIdentity = {
      token: spec.token,
      kind: spec.kind,
      scopes: spec.kind === 'classic' ? [...(spec.scopes ?? DEFAULT_SCOPES)] : [],
      canAdministerRunners: spec.kind === 'classic' ? true : spec.canAdministerRunners,
      login: spec.login ?? DEFAULT_LOGIN,
      userId: spec.userId ?? 1,
    }
    this.known.set(spec.token, identity)
    this.revoked.delete(spec.token)
    return identity
  }

  /** Revokes one token, or every token (registered or not) when none is named. */
  revoke(token?: string): void {
    if (token === undefined) {
      for (const known of this.known.keys()) this.revoked.add(known)
      this.acceptUnknown = false
      return
    }
    this.revoked.add(token)
  }

  /** The identity behind an `Authorization` header value, or null (GitHub: 401 Bad credentials). */
  authenticate(header: string | undefined): TokenIdentity | null {
    const token = parseAuthorization(header)
    if (token === null || this.revoked.has(token)) return null
    const known = this.known.get(token)
    if (known) return known
    if (!this.acceptUnknown) return null
    return {
      token,
      kind: 'classic',
      scopes: DEFAULT_SCOPES,
      canAdministerRunners: true,
      login: DEFAULT_LOGIN,
      userId: 1,
    }
  }

  /** Forgets every registration and revocation. */
  reset(): void {
    this.set([])
  }
}

/** `token X` or `Bearer X` (GitHub accepts both), anything else is no token. */
export function parseAuthorization(header: string | undefined): string | null {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}
