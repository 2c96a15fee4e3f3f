/**
 * Every log path passes through a redactor so a token or JIT config that leaks into output (an
 * error message, a job echoing its environment) never reaches a buffer, a file or the renderer.
 */
export type Redactor = (text: string) => string

// GitHub token formats: classic and OAuth (ghp_, gho_, ghu_, ghs_, ghr_ + 36 chars) and
// fine-grained (github_pat_ + 82 chars). https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
const TOKEN_PATTERN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})\b/g
const MASK = '***'

/**
 * Builds a redactor for the given secret values (exact matches, 8+ chars) plus anything shaped
 * like a GitHub token. Kept fast for high log rates: one pass per secret only when it can occur.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const values = [...new Set([...secrets].filter((s) => s.length >= 8))].sort(
    (a, b) => b.length - a.length,
  )
  return (text: string) => {
    let out = text
    for (const secret of values) {
      if (out.includes(secret)) out = out.split(secret).join(MASK)
    }
    if (out.includes('_') && (out.includes('gh') || out.includes('github_pat_'))) {
      out = out.replace(TOKEN_PATTERN, MASK)
    }
    return out
  }
}

/** A mutable set of secrets behind one redactor, so new JIT configs join as they are minted. */
export class SecretRegistry {
  private readonly secrets = new Set<string>()
  private current: Redactor = createRedactor([])

  /** Adds a value that must never be shown. */
  add(secret: string): void {
    if (secret.length < 8 || this.secrets.has(secret)) return
    this.secrets.add(secret)
    this.current = createRedactor(this.secrets)
  }

  /** Forgets a value (a JIT config whose runner is gone), keeping the redactor small. */
  delete(secret: string): void {
    if (this.secrets.delete(secret)) this.current = createRedactor(this.secrets)
  }

  /** Redacts with everything known now. */
  readonly redact: Redactor = (text) => this.current(text)
}
