import { timingSafeEqual } from 'node:crypto'

/** The cookie that carries the access token after the first load. */
export const ACCESS_COOKIE = 'runnerdock_access'

/** What the guard needs to know of a request. */
export interface RequestFacts {
  readonly host: string | undefined
  readonly origin: string | undefined
  readonly cookie: string | undefined
  /** `Bearer <token>`: how Prometheus (and scripts) present the token, since they keep no cookie. */
  readonly authorization?: string | undefined
  readonly url: string
}

/** Why a request is refused (status and a short reason), or null when it may pass. */
export type GuardVerdict =
  { allow: true; viaQuery: boolean } | { allow: false; status: number; reason: string }

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return null
}

/**
 * The query of a request target in origin form (`/path?query`), or null for anything else: an
 * absolute URL (`http://[`), `*`, or text `URL` cannot parse. Browsers only send origin form to
 * the server they talk to, so anything else is a malformed request, never a reason to crash.
 */
export function targetQuery(url: string): URLSearchParams | null {
  if (!url.startsWith('/') || url.startsWith('//')) return null
  try {
    return new URL(url, 'http://x').searchParams
  } catch {
    return null
  }
}

/**
 * Decides whether a request to the headless host may pass: its target must be a path (400
 * otherwise), its `Host` must be one of ours (DNS rebinding), a cross-site `Origin` is refused
 * (CSRF, foreign pages opening the WebSocket), and the access token must come in the URL (first
 * load) or the cookie. Pure and total (it never throws), so every rule is tested.
 */
export function checkRequest(
  facts: RequestFacts,
  token: string,
  allowedHosts: ReadonlySet<string>,
): GuardVerdict {
  const params = targetQuery(facts.url)
  if (params === null) return { allow: false, status: 400, reason: 'Malformed request target.' }
  if (!facts.host || !allowedHosts.has(facts.host.toLowerCase()))
    return { allow: false, status: 421, reason: 'Unknown Host header.' }
  if (facts.origin !== undefined && facts.origin !== 'null') {
    let originHost: string
    try {
      originHost = new URL(facts.origin).host.toLowerCase()
    } catch {
      return { allow: false, status: 403, reason: 'Malformed Origin.' }
    }
    if (!allowedHosts.has(originHost))
      return { allow: false, status: 403, reason: 'Cross-origin requests are refused.' }
  } else if (facts.origin === 'null')
    return { allow: false, status: 403, reason: 'Opaque origins are refused.' }
  const query = params.get('token')
  if (query !== null && sameToken(query, token)) return { allow: true, viaQuery: true }
  const cookie = cookieValue(facts.cookie, ACCESS_COOKIE)
  if (cookie !== null && sameToken(cookie, token)) return { allow: true, viaQuery: false }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(facts.authorization ?? '')?.[1]
  if (bearer !== undefined && sameToken(bearer, token)) return { allow: true, viaQuery: false }
  return {
    allow: false,
    status: 401,
    reason:
      'Open RunnerDock with the link printed by "runnerdock serve" (it carries the access token).',
  }
}

/** The Host header values this server answers to, for a bound address and port. */
export function allowedHostsFor(bindHost: string, port: number): Set<string> {
  const hosts = new Set([`${bindHost}:${port}`.toLowerCase()])
  if (bindHost === '127.0.0.1' || bindHost === 'localhost' || bindHost === '::1') {
    for (const h of ['127.0.0.1', 'localhost', '[::1]']) hosts.add(`${h}:${port}`)
  }
  return hosts
}
