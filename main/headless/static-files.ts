import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/**
 * Resolves a URL path inside the built renderer folder; anything that would escape it (`..`,
 * encoded slashes) resolves to null. Unknown paths fall back to index.html (hash routing).
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  if (relative.split(/[/\\]/).includes('..')) return null
  const full = join(root, relative === '' ? 'index.html' : relative)
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null
}

/** Reads a static file with its content type, or null when absent. */
export async function readStatic(
  root: string,
  urlPath: string,
): Promise<{ body: Buffer; type: string } | null> {
  const file = resolveStatic(root, urlPath)
  if (!file) return null
  try {
    return { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' }
  } catch {
    if (extname(file) !== '') return null
    const index = join(root, 'index.html')
    try {
      return { body: await readFile(index), type: TYPES['.html']! }
    } catch {
      return null
    }
  }
}
