/**
 * Where the app's own renderer lives, and whether a URL is it. Pure (no Electron import) so the
 * decision every IPC call and navigation depends on is unit tested in Node (Desktop's
 * `trusted-ipc-sender.ts`, Fiddle's `src/main/ipc.ts`).
 */

/** The renderer's document: the built `index.html` on disk, or the electron-vite dev server. */
export type RendererLocation =
  | { readonly kind: 'file'; readonly url: string }
  | { readonly kind: 'dev-server'; readonly url: string }

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * Chooses the renderer. The dev server (`ELECTRON_RENDERER_URL`, set by `electron-vite dev`) is
 * honoured only in an unpackaged app and only on loopback: a packaged app must never be talked
 * into loading, and trusting, a page named by an environment variable.
 */
export function resolveRendererLocation(options: {
  isPackaged: boolean
  devServerUrl: string | undefined
  indexFileUrl: string
}): RendererLocation {
  const dev = options.isPackaged ? null : parse(options.devServerUrl)
  if (
    dev &&
    (dev.protocol === 'http:' || dev.protocol === 'https:') &&
    LOOPBACK.has(dev.hostname === '::1' ? '[::1]' : dev.hostname)
  ) {
    return { kind: 'dev-server', url: `${dev.origin}/` }
  }
  return { kind: 'file', url: options.indexFileUrl }
}

/** The renderer's URL showing one view (`#logs/<runner>`, `#settings`...). */
export function rendererUrl(location: RendererLocation, hash: string): string {
  const url = new URL(location.url)
  url.hash = hash.startsWith('#') ? hash.slice(1) : hash
  return url.toString()
}

/**
 * Whether an IPC sender's frame URL is our renderer: the same file (any hash) in production, the
 * same origin on the dev server. Anything else (about:blank, a remote page, another local file,
 * a missing URL) is refused.
 */
export function isTrustedSender(
  url: string | null | undefined,
  location: RendererLocation,
): boolean {
  const sender = parse(url)
  const ours = parse(location.url)
  if (!sender || !ours) return false
  if (location.kind === 'dev-server') return sender.origin === ours.origin
  return (
    sender.protocol === 'file:' &&
    ours.protocol === 'file:' &&
    sender.host === ours.host &&
    decodeURIComponent(sender.pathname) === decodeURIComponent(ours.pathname)
  )
}

/** Whether two URLs name the same document (they may differ in the hash only). */
export function isSameDocument(a: string, b: string): boolean {
  const left = parse(a)
  const right = parse(b)
  if (!left || !right) return false
  left.hash = ''
  right.hash = ''
  return left.toString() === right.toString()
}

/** The hash of the log view, for one runner or all of them (the renderer's `routeHash`). */
export function logsHash(runner: string | null): string {
  return runner === null ? '#logs' : `#logs/${encodeURIComponent(runner)}`
}

/**
 * The log view a URL of our renderer asks for (`…/index.html#logs/<runner>`), or null when the
 * URL is not ours or shows another view. Lets the renderer open the log window with
 * `window.open('#logs/r1')`, which opens a tab in the headless browser UI.
 */
export function logsRouteOf(
  url: string,
  location: RendererLocation,
): { runner: string | null } | null {
  if (!isTrustedSender(url, location)) return null
  const hash = parse(url)?.hash.replace(/^#\/?/, '') ?? ''
  const [head, ...rest] = hash.split('/')
  if (head !== 'logs') return null
  const raw = rest.join('/')
  if (raw === '') return { runner: null }
  try {
    return { runner: decodeURIComponent(raw) }
  } catch {
    return { runner: null }
  }
}
