/**
 * Every log path passes through a redactor so a token or JIT config that leaks into output (an
 * error message, a job echoing its environment) never reaches a buffer, a file or the renderer.
 * The optional second argument says the text was cut at its end (a line longer than a cap): a
 * tail that could be the start of a secret is masked too, since its rest was never seen.
 */
export type Redactor = (text: string, options?: RedactOptions) => string

/** How a text reached the redactor. */
export interface RedactOptions {
  /** The text is the head of a longer line whose rest was dropped. */
  readonly cutAtEnd?: boolean
}

// GitHub token formats: classic and OAuth (ghp_, gho_, ghu_, ghs_, ghr_ + 36 chars) and
// fine-grained (github_pat_ + 82 chars). https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
const TOKEN_PATTERN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})\b/g
// The start of a token at the very end of a cut text (any length: the rest is unknown).
const TOKEN_TAIL = /\b(?:gh[pousr]_[A-Za-z0-9]+|github_pat_[A-Za-z0-9_]*)$/
const MASK = '***'
// A cut tail this short that matches a secret's start says nothing useful about the secret.
const MIN_SECRET_TAIL = 4

/**
 * The length of the longest tail of `text` that is the start (not the whole) of `secret`, or 0.
 * Only positions holding the secret's first character are tried, so this is linear in practice.
 */
export function secretTailLength(text: string, secret: string): number {
  const first = secret[0]
  if (first === undefined) return 0
  const from = Math.max(0, text.length - secret.length + 1)
  for (let at = text.indexOf(first, from); at !== -1; at = text.indexOf(first, at + 1)) {
    if (secret.startsWith(text.slice(at))) return text.length - at
  }
  return 0
}

/**
 * Builds a redactor for the given secret values (exact matches, 8+ chars) plus anything shaped
 * like a GitHub token. Kept fast for high log rates: one pass per secret only when it can occur.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const values = [...new Set([...secrets].filter((s) => s.length >= 8))].sort(
    (a, b) => b.length - a.length,
  )
  return (text, options) => {
    let out = text
    for (const secret of values) {
      if (out.includes(secret)) out = out.split(secret).join(MASK)
    }
    if (out.includes('_') && (out.includes('gh') || out.includes('github_pat_'))) {
      out = out.replace(TOKEN_PATTERN, MASK)
    }
    if (!options?.cutAtEnd) return out
    let tail = 0
    for (const secret of values) tail = Math.max(tail, secretTailLength(out, secret))
    if (tail >= MIN_SECRET_TAIL) out = out.slice(0, out.length - tail) + MASK
    return out.replace(TOKEN_TAIL, MASK)
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
  readonly redact: Redactor = (text, options) => this.current(text, options)
}
