import { z } from 'zod'
import { err, ok, type Result } from './result'

/** Where runners register: one repository or a whole organization (docs/github-facts.md). */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('repo'), owner: z.string().min(1), repo: z.string().min(1) }),
  z.object({ kind: z.literal('org'), org: z.string().min(1) }),
])
/** A parsed runner target. */
export type Target = z.infer<typeof targetSchema>

// GitHub's rules: owner/org names are alphanumerics and single hyphens (max 39); repo names
// allow letters, digits, `-`, `_` and `.` (max 100).
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const REPO = /^[A-Za-z0-9._-]{1,100}$/

/** Parses `owner/repo` or `org` as typed by a user; the error says what a valid value looks like. */
export function parseTarget(text: string): Result<Target, string> {
  const value = text
    .trim()
    .replace(/^https?:\/\/[^/]+\//, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '')
  const parts = value.split('/')
  if (parts.length === 1 && OWNER.test(parts[0]!)) return ok({ kind: 'org', org: parts[0]! })
  if (
    parts.length === 2 &&
    OWNER.test(parts[0]!) &&
    REPO.test(parts[1]!) &&
    parts[1] !== '.' &&
    parts[1] !== '..'
  ) {
    return ok({ kind: 'repo', owner: parts[0]!, repo: parts[1]! })
  }
  return err(
    `"${text}" is not a target. Use OWNER/REPO for a repository or ORG for an organization.`,
  )
}

/** The text form of a target, the inverse of `parseTarget`. */
export function formatTarget(target: Target): string {
  return target.kind === 'repo' ? `${target.owner}/${target.repo}` : target.org
}

/** GitHub.com's REST API; GitHub Enterprise Server lives at `https://HOST/api/v3`. */
export const DEFAULT_API_URL = 'https://api.github.com'

/**
 * Validates an API base URL and names the GitHub host it belongs to: the keychain keeps one token
 * per host, and the token page links point at that host's web UI.
 */
export function parseApiUrl(
  text: string,
): Result<{ apiUrl: string; host: string; webUrl: string }, string> {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return err(
      `"${text}" is not a URL. Use https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server.`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(`"${text}" must start with https:// (GitHub's API is served over HTTPS).`)
  }
  const apiUrl = url.toString().replace(/\/+$/, '')
  const host = url.host === 'api.github.com' ? 'github.com' : url.host
  const webUrl =
    url.host === 'api.github.com' ? 'https://github.com' : `${url.protocol}//${url.host}`
  return ok({ apiUrl, host, webUrl })
}
