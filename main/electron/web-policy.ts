import { isAllowedExternalUrl } from '../../common/external-links'
import { isSameDocument, logsRouteOf, type RendererLocation } from './renderer-location'

export { isAllowedExternalUrl }

/**
 * What a window may open, navigate to and receive, decided from plain values so it is unit tested
 * in Node. `web-security.ts` applies these decisions to Electron's sessions and webContents.
 */

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
