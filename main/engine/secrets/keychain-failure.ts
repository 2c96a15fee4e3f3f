import type { KeychainFailure } from './token-store-port'

// Pure decisions about keychain errors: which kind a keytar error is and what the user should do.
// The error texts below were measured against keytar 7.9 + libsecret + gnome-keyring on Debian 12
// (see docs/platform-notes.md, "Failure shapes worth knowing").

/** The operating systems whose keychains keytar drives; anything else is treated like Linux. */
export type KeychainPlatform = NodeJS.Platform

// No Secret Service (or no D-Bus, or no libsecret) on Linux:
// - a bus without the service: "The name org.freedesktop.secrets was not provided by any .service files"
// - a dead bus socket: "Could not connect: No such file or directory" / "Connection refused"
// - no bus address at all: "Cannot autolaunch D-Bus without X11 $DISPLAY"
// - libsecret missing when keytar loads: "libsecret-1.so.0: cannot open shared object file"
const UNAVAILABLE_PATTERN =
  /org\.freedesktop\.secrets|not provided by any \.service files|ServiceUnknown|Could not connect|Connection refused|autolaunch D-Bus|DBus\.Error|D-Bus|cannot open shared object file|Cannot find module 'keytar'|keytar\.node/i

// A locked store that refused to write:
// - gnome-keyring: "Cannot create an item in a locked collection"
// - macOS errSecInteractionNotAllowed (-25308): "User interaction is not allowed."
//   https://developer.apple.com/documentation/security/errsecinteractionnotallowed
// - Secret Service spec: org.freedesktop.Secret.Error.IsLocked
const LOCKED_PATTERN =
  /locked collection|collection is locked|keyring is locked|Secret\.Error\.IsLocked|User interaction is not allowed|-25308/i

function keychainName(platform: KeychainPlatform): string {
  if (platform === 'darwin') return 'the macOS Keychain'
  if (platform === 'win32') return 'Windows Credential Manager'
  return 'the keychain (Secret Service)'
}

const ENV_FALLBACK = 'set the GITHUB_TOKEN environment variable instead'

/** The raw reason from an error, for `detail`: keytar errors are plain `Error`s with a message. */
export function keychainErrorText(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error) ?? String(error)
  } catch {
    return String(error)
  }
}

/** Removes every secret value from a text, so a token echoed by a native error never escapes. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join('***')
  }
  return out
}

/** The failure for a locked keychain: it answers reads with "nothing" and refuses writes. */
export function lockedFailure(platform: KeychainPlatform, detail: string): KeychainFailure {
  const how =
    platform === 'darwin'
      ? 'Unlock it in Keychain Access'
      : platform === 'win32'
        ? 'Sign in to Windows again'
        : 'Unlock it (e.g. log in again or open Passwords and Keys)'
  return {
    kind: 'locked',
    message: `Your keychain is locked. ${how}, then try again.`,
    detail,
  }
}

/** The failure for a keychain that did not answer in time (a stalled daemon blocks ~50 s). */
export function timeoutFailure(
  platform: KeychainPlatform,
  timeoutMs: number,
  detail: string,
): KeychainFailure {
  const seconds = Math.round(timeoutMs / 100) / 10
  const restart =
    platform === 'darwin' || platform === 'win32'
      ? 'Unlock it or sign in again, then try again'
      : 'Unlock it, or restart your keyring service (e.g. gnome-keyring), then try again'
  return {
    kind: 'timeout',
    message: `The keychain is not responding (no answer after ${seconds} s). ${restart}; or ${ENV_FALLBACK}.`,
    detail,
  }
}

/** The failure for a machine with no usable keychain at all (no Secret Service, no D-Bus). */
export function unavailableFailure(platform: KeychainPlatform, detail: string): KeychainFailure {
  if (platform === 'darwin' || platform === 'win32') {
    return {
      kind: 'unavailable',
      message: `RunnerDock could not reach ${keychainName(platform)}. Try again; if it keeps failing, ${ENV_FALLBACK}.`,
      detail,
    }
  }
  return {
    kind: 'unavailable',
    message:
      'No keychain service is running, so RunnerDock cannot read or save your GitHub token. ' +
      'Install and start gnome-keyring (or another Secret Service provider, such as KeePassXC), ' +
      `then try again. On a server without a desktop, ${ENV_FALLBACK}.`,
    detail,
  }
}

/** A failure whose cause was not recognised: name both likely fixes rather than guess one. */
function unknownFailure(platform: KeychainPlatform, detail: string): KeychainFailure {
  return {
    kind: 'unavailable',
    message: `RunnerDock could not use ${keychainName(platform)}. Make sure it is running and unlocked, then try again; or ${ENV_FALLBACK}.`,
    detail,
  }
}

/**
 * Sorts an error thrown by a keytar call into locked / unavailable. `secrets` (the token being
 * saved) are removed from the detail so a native error that echoes its input cannot leak it.
 */
export function keychainErrorToFailure(
  error: unknown,
  platform: KeychainPlatform,
  secrets: readonly string[] = [],
): KeychainFailure {
  const detail = withoutSecrets(keychainErrorText(error), secrets)
  if (LOCKED_PATTERN.test(detail)) return lockedFailure(platform, detail)
  if (UNAVAILABLE_PATTERN.test(detail)) return unavailableFailure(platform, detail)
  return unknownFailure(platform, detail)
}

/** Decides what a failed write probe means: a keychain that answered reads but refuses writes is locked. */
export function probeErrorToFailure(error: unknown, platform: KeychainPlatform): KeychainFailure {
  const detail = keychainErrorText(error)
  if (UNAVAILABLE_PATTERN.test(detail) && !LOCKED_PATTERN.test(detail)) {
    return unavailableFailure(platform, detail)
  }
  return lockedFailure(platform, `write probe failed: ${detail}`)
}
