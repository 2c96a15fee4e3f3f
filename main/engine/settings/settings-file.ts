import os from 'node:os'
import path from 'node:path'
import { settingsSchema, type Settings } from '../../../common/settings'

// Pure decisions about the settings file: where it lives, what its text means, what must never be
// written. The fs adapter (settings-store.ts) only reads, renames and writes.

/** The file name inside the config folder. */
export const SETTINGS_FILE_NAME = 'settings.json'

/** The folder name Electron derives from `productName`, so the CLI and the app share one file. */
export const APP_FOLDER_NAME = 'RunnerDock'

/**
 * The config folder: RUNNERDOCK_CONFIG_DIR if set, else the folder Electron's
 * `app.getPath('userData')` uses for productName RunnerDock, so the headless CLI (which has no
 * Electron) and the tray app read the same settings.
 * https://www.electronjs.org/docs/latest/api/app#appgetpathname
 */
export function defaultConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.RUNNERDOCK_CONFIG_DIR?.trim()
  if (override) return override
  if (platform === 'win32') {
    const appData = env.APPDATA?.trim() || path.win32.join(home, 'AppData', 'Roaming')
    return path.win32.join(appData, APP_FOLDER_NAME)
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME)
  }
  // Chromium's base::nix::GetXDGDirectory: $XDG_CONFIG_HOME when set, else ~/.config.
  const configHome = env.XDG_CONFIG_HOME?.trim() || path.posix.join(home, '.config')
  return path.posix.join(configHome, APP_FOLDER_NAME)
}

const INSTALLATION_ID_PATTERN = /^[a-z0-9]{8}$/
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Turns random bytes into an 8-character installation id without modulo bias (bytes >= 252 are
 * skipped, 252 being the largest multiple of 36 under 256). Returns null if the bytes ran out.
 */
export function installationIdFromBytes(bytes: Uint8Array): string | null {
  let id = ''
  for (const byte of bytes) {
    if (byte >= 252) continue
    id += ID_ALPHABET[byte % 36]
    if (id.length === 8) return id
  }
  return null
}

/** True for an id the schema accepts; used when salvaging one from a damaged file. */
export function isInstallationId(value: unknown): value is string {
  return typeof value === 'string' && INSTALLATION_ID_PATTERN.test(value)
}

/** What a settings file's text turned out to be. */
export type ParsedSettingsText =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly reason: string; readonly installationId: string | null }

// Finds the id in text that is not JSON any more (a truncated or hand-edited file), so runners
// registered under it can still be recognised and cleaned up.
const ID_IN_TEXT = /"installationId"\s*:\s*"([a-z0-9]{8})"/

function summarizeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String).join('.') || 'the file'
    return `${where}: ${issue.message}`
  })
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  return shown.join('; ') + more
}

/**
 * Reads a settings file's text: valid JSON that passes the schema (defaults filled for missing
 * fields), or why not plus any installation id worth keeping. The reason never quotes the text,
 * since JSON.parse's message echoes a snippet of it.
 */
export function parseSettingsText(text: string): ParsedSettingsText {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const salvaged = ID_IN_TEXT.exec(text)?.[1] ?? null
    const reason = text.trim() === '' ? 'it is empty' : 'it is not valid JSON'
    return { ok: false, reason, installationId: salvaged }
  }
  const parsed = settingsSchema.safeParse(json)
  if (parsed.success) return { ok: true, settings: parsed.data }
  const id =
    json !== null && typeof json === 'object' && 'installationId' in json
      ? json.installationId
      : undefined
  return {
    ok: false,
    reason: `it does not match the expected format (${summarizeIssues(parsed.error.issues)})`,
    installationId: isInstallationId(id) ? id : null,
  }
}

/** The name a corrupt file is moved to: an ISO time without colons, valid on every file system. */
export function corruptFileName(fileName: string, now: Date): string {
  return `${fileName}.corrupt-${now.toISOString().replace(/:/g, '')}`
}

// The formats GitHub issues tokens in, as common/redact.ts masks them: a known prefix and 20+
// token characters. https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
const TOKEN_LIKE = /(?:^|[^A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/

/**
 * The path (`labels.0`) of the first string that looks like a GitHub token, or null. Settings
 * are plain text on disk; a token there is a bug, so `save` refuses rather than writes it.
 */
export function findTokenLikeValue(value: unknown, at: string[] = []): string | null {
  if (typeof value === 'string') return TOKEN_LIKE.test(value) ? at.join('.') || '(root)' : null
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findTokenLikeValue(item, [...at, String(index)])
      if (found !== null) return found
    }
    return null
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findTokenLikeValue(item, [...at, key])
      if (found !== null) return found
    }
  }
  return null
}

/** Whether a failed read means there is no settings file (nothing to protect), not a broken one. */
export function isNoSettingsFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  // ENOTDIR: a file sits where a folder of the path should be, so no settings file can exist.
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/** Says in words why a file operation failed, for a message a user can act on. */
export function describeFsError(error: unknown, operation: 'read' | 'write' = 'write'): string {
  const code = (error as { code?: unknown } | null)?.code
  if (operation === 'read') {
    if (code === 'EACCES' || code === 'EPERM') return 'RunnerDock is not allowed to read it'
    if (code === 'EISDIR') return 'it is a folder, not a file'
    if (code === 'EIO') return 'the disk reported an input/output error'
  }
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'EACCES':
    case 'EPERM':
      return 'RunnerDock is not allowed to write there'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOTDIR':
    case 'EISDIR':
      return 'something other than a folder or file is in the way'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
