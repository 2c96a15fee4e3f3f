import { z } from 'zod'
import { err, ok, type Result } from './result'

// GitHub's rules: owner/org names are alphanumerics and single hyphens (max 39); repo names
// allow letters, digits, `-`, `_` and `.` (max 100), never `.` or `..`, and `.git` is not part of
// a name (parseTarget strips it from a pasted clone URL).
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const REPO = /^[A-Za-z0-9._-]{1,100}$/

const ownerName = z
  .string()
  .max(39)
  .regex(OWNER, 'An owner or organization name is letters, digits and single hyphens (1-39).')
const repoName = z
  .string()
  .max(100)
  .regex(REPO, 'A repository name is letters, digits, "-", "_" and "." (1-100).')
  .refine((name) => name !== '.' && name !== '..' && !name.endsWith('.git'), {
    message: 'A repository name cannot be "." or "..", nor end in ".git".',
  })

/**
 * Where runners register: one repository or a whole organization (docs/github-facts.md). The
 * schema is GitHub's naming rules, the same ones `parseTarget` applies to what a user types, so a
 * target that crosses the contract is exactly one `parseTarget` would produce.
 */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('repo'), owner: ownerName, repo: repoName }).strict(),
  z.object({ kind: z.literal('org'), org: ownerName }).strict(),
])
/** A parsed runner target. */
export type Target = z.infer<typeof targetSchema>

/** Parses `owner/repo` or `org` as typed by a user; the error says what a valid value looks like. */
export function parseTarget(text: string): Result<Target, string> {
  if (text.length > 1000) return err('That is far too long to be a target (OWNER/REPO or ORG).')
  const value = text
    .trim()
    .replace(/^https?:\/\/[^/]+\//, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '')
  const parts = value.split('/')
  const candidate =
    parts.length === 1
      ? { kind: 'org', org: parts[0] }
      : parts.length === 2
        ? { kind: 'repo', owner: parts[0], repo: parts[1] }
        : null
  const parsed = candidate === null ? null : targetSchema.safeParse(candidate)
  if (parsed?.success) return ok(parsed.data)
  return err(
    `${quoted(text)} is not a target. Use OWNER/REPO for a repository or ORG for an organization.`,
  )
}

/** The text form of a target, the inverse of `parseTarget`. */
export function formatTarget(target: Target): string {
  return target.kind === 'repo' ? `${target.owner}/${target.repo}` : target.org
}

/** GitHub.com's REST API; GitHub Enterprise Server lives at `https://HOST/api/v3`. */
export const DEFAULT_API_URL = 'https://api.github.com'

// Accounts are host names as DNS writes them (letters, digits, dots, hyphens), lower-cased, with an
// optional port: what every keychain accepts as an account name and a user recognises.
const ACCOUNT_PATTERN = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/
const MAX_ACCOUNT_LENGTH = 253 + 6

/**
 * The keychain account for a GitHub host (`github.com`, `ghe.example.com:8443`), or null when the
 * host cannot name one (an IPv6 literal, a name with `_`, a URL). The one rule both sides use:
 * `parseApiUrl` refuses an API URL whose host this refuses, and the keychain store names its
 * accounts with it, so a saved API URL can always reach its token.
 */
export function keychainAccountFor(host: string): string | null {
  const account = host.trim().toLowerCase()
  return account.length <= MAX_ACCOUNT_LENGTH && ACCOUNT_PATTERN.test(account) ? account : null
}

/** The longest API URL accepted (browsers' practical limit; GitHub's are far shorter). */
export const MAX_API_URL_LENGTH = 2048

// Quotes what the user typed in a message, without echoing a pasted novel.
function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)
}

/**
 * Validates an API base URL and names the GitHub host it belongs to: the keychain keeps one token
 * per host, and the token page links point at that host's web UI. Refuses, with what to write
 * instead, anything that could be saved and then fail at every start: a host the keychain cannot
 * name, credentials, a query or fragment.
 */
export function parseApiUrl(
  text: string,
): Result<{ apiUrl: string; host: string; webUrl: string }, string> {
  if (text.length > MAX_API_URL_LENGTH)
    return err(`That API URL is longer than ${MAX_API_URL_LENGTH} characters.`)
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return err(
      `${quoted(text)} is not a URL. Use https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server.`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(`${quoted(text)} must start with https:// (GitHub's API is served over HTTPS).`)
  }
  if (url.username !== '' || url.password !== '')
    return err(
      `${quoted(text)} contains a user name or password. Leave them out: RunnerDock keeps the token in the keychain.`,
    )
  if (url.search !== '' || url.hash !== '')
    return err(`${quoted(text)} has a query or fragment (? or #). Use the API's base URL only.`)
  const host = url.host === 'api.github.com' ? 'github.com' : url.host
  if (keychainAccountFor(host) === null)
    return err(
      `${quoted(text)} cannot be used: RunnerDock keeps one token per GitHub host in the keychain, and "${url.host}" cannot name one. Use the server's host name or IPv4 address (IPv6 addresses and names with "_" are not supported).`,
    )
  // A name over plain http can never pass plainHttpRefusal (only addresses of this machine can),
  // so say so now rather than after it is saved. Addresses are judged when a request is made.
  const name = canonicalHost(url.hostname)
  if (url.protocol === 'http:' && name !== null && !isLoopbackHost(name) && !isIpLiteral(name))
    return err(plainHttpRefusal(text.trim(), [])!)
  const apiUrl = url.toString().replace(/\/+$/, '')
  const webUrl =
    url.host === 'api.github.com' ? 'https://github.com' : `${url.protocol}//${url.host}`
  return ok({ apiUrl, host, webUrl })
}

// Addresses, as URL writes them: `new URL` turns every IPv4 spelling (127.1, 0x7f.0.0.1) into
// dotted form and IPv6 into compressed lower case in brackets, so comparing text is comparing
// addresses.
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/
const MAPPED_IPV4 = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/

/**
 * A host (name, IPv4 or IPv6 literal, with or without brackets) in the form URL prints it, or null
 * when it is not a valid host at all. IPv4-mapped IPv6 addresses become IPv4.
 */
export function canonicalHost(host: string): string | null {
  const bare = host.trim().replace(/^\[(.*)\]$/, '$1')
  if (bare === '' || /[/?#@\\\s%]/.test(bare)) return null
  let name: string
  try {
    name = new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}/`).hostname
  } catch {
    return null
  }
  const mapped = MAPPED_IPV4.exec(name)
  if (!mapped) return name
  const high = parseInt(mapped[1]!, 16)
  const low = parseInt(mapped[2]!, 16)
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
}

/** Whether a canonical host (see `canonicalHost`) is an IPv4 or IPv6 address, not a name. */
function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || host.startsWith('[')
}

/**
 * Whether a host is this machine's loopback: `localhost`, 127.0.0.0/8 or ::1. Only the name
 * `localhost` counts among names; any other name may resolve anywhere.
 */
export function isLoopbackHost(host: string): boolean {
  const canonical = canonicalHost(host)
  if (canonical === null) return false
  if (canonical === 'localhost' || canonical === '[::1]') return true
  return IPV4.exec(canonical)?.[1] === '127'
}

/**
 * Why a token must not be sent to this API URL, or null when it may. Over https always; over plain
 * http only when the host is this machine: loopback, or an address of one of its own interfaces
 * (`machineAddresses`, e.g. Docker's bridge 172.17.0.1 where the local GitHub emulator listens),
 * since such traffic never leaves the machine. A name other than `localhost` is refused: it may
 * resolve anywhere. Pure: the adapter looks the addresses up.
 */
export function plainHttpRefusal(
  apiUrl: string,
  machineAddresses: readonly string[],
): string | null {
  let url: URL
  try {
    url = new URL(apiUrl)
  } catch {
    return `${quoted(apiUrl)} is not a URL.`
  }
  if (url.protocol === 'https:') return null
  const host = canonicalHost(url.hostname)
  if (host !== null && url.protocol === 'http:') {
    if (isLoopbackHost(host)) return null
    const own = new Set(machineAddresses.map((a) => canonicalHost(a)))
    if (isIpLiteral(host) && own.has(host)) return null
  }
  return `RunnerDock will not send your GitHub token to ${quoted(apiUrl)}: it is plain http:// and ${url.hostname} is not this machine, so anyone on the way could read the token. Use the server's https:// address (or reach it through an SSH tunnel to a local port).`
}
