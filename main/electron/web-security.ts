import { shell, type Session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../common/content-security-policy'
import type { RendererLocation } from './renderer-location'
import {
  isNavigationAllowed,
  isAllowedExternalUrl,
  windowOpenDecision,
  withContentSecurityPolicy,
} from './web-policy'

/**
 * Session-wide hardening (Electron security checklist): no permission is ever granted, our CSP is
 * on every response, and nothing downloads. The UI needs no camera, notifications API, clipboard
 * read or any other permission: OS notifications come from the main process.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: withContentSecurityPolicy(details.responseHeaders, CONTENT_SECURITY_POLICY),
    })
  })
  session.on('will-download', (event) => event.preventDefault())
}

/**
 * Denies every navigation, new window and webview for any webContents the app creates, before a
 * window adds its own handlers: a catch-all for contents we did not expect to exist.
 */
export function registerWebContentsLockdown(app: Electron.App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.on('will-navigate', (event) => {
      if (!isNavigationAllowed(event.url, contents.getURL())) event.preventDefault()
    })
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

/** What a window's handlers need: where our renderer is, the GitHub host, and the log window. */
export interface ContentsPolicyOptions {
  readonly renderer: RendererLocation
  readonly apiUrl: () => string
  readonly openLogs: (runner: string | null) => void
}

/**
 * A window's navigation rules. It only ever shows our renderer: a link that would navigate away
 * is refused (a GitHub page opens in the browser instead), and every new window is denied, our
 * own `#logs` view becoming the log window.
 */
export function applyContentsPolicy(contents: WebContents, options: ContentsPolicyOptions): void {
  const openExternal = (url: string) => {
    if (isAllowedExternalUrl(url, options.apiUrl())) void shell.openExternal(url)
  }
  contents.on('will-navigate', (event) => {
    if (isNavigationAllowed(event.url, contents.getURL())) return
    event.preventDefault()
    openExternal(event.url)
  })
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url, contents.getURL())) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, options.renderer, options.apiUrl())
    if (decision.kind === 'open-logs') options.openLogs(decision.runner)
    else if (decision.kind === 'open-external') openExternal(url)
    return { action: 'deny' }
  })
}
