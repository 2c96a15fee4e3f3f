import { parseApiUrl } from '../../common/target'
import { isSameDocument, logsRouteOf, type RendererLocation } from './renderer-location'

/**
 * What a window may open, navigate to and receive, decided from plain values so it is unit tested
 * in Node. `web-security.ts` applies these decisions to Electron's sessions and webContents.
 */

/**
 * Whether a URL may go to the system browser: https pages of github.com (and its docs) or of the
 * configured GitHub Enterprise Server host, with no credentials in the URL. `openExternal` hands
 * the URL to the OS, so anything else (file:, custom schemes, other hosts) is refused.
 */
export function isAllowedExternalUrl(url: string, apiUrl: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false
  const hosts = new Set(['github.com', 'docs.github.com'])
  const api = parseApiUrl(apiUrl)
  if (api.ok && api.value.webUrl.startsWith('https://')) hosts.add(api.value.host.toLowerCase())
  return hosts.has(parsed.host.toLowerCase())
}

/** What to do with a `window.open` or `target=_blank` link: every new window is denied. */
export type WindowOpenDecision =
  { kind: 'open-logs'; runner: string | null } | { kind: 'open-external' } | { kind: 'deny' }

/** Decides a window-open request: our log view opens the log window, GitHub pages the browser. */
export function windowOpenDecision(
  url: string,
  location: RendererLocation,
  apiUrl: string,
): WindowOpenDecision {
  const logs = logsRouteOf(url, location)
  if (logs) return { kind: 'open-logs', runner: logs.runner }
  return isAllowedExternalUrl(url, apiUrl) ? { kind: 'open-external' } : { kind: 'deny' }
}

/** A window only ever shows our renderer: navigating away is refused unless it is the same document. */
export function isNavigationAllowed(target: string, current: string): boolean {
  return isSameDocument(target, current)
}

/**
 * Response headers with our Content-Security-Policy, replacing any the server sent (in any case).
 * Applies to the dev server; for `file://` the renderer's `<meta>` policy is the one that counts
 * (Electron security checklist, "Define a Content Security Policy").
 */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const next: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue
    next[name] = Array.isArray(value) ? value : [value]
  }
  next['Content-Security-Policy'] = [policy]
  return next
}
