import { describe, expect, it } from 'vitest'
import {
  keychainErrorText,
  keychainErrorToFailure,
  lockedFailure,
  probeErrorToFailure,
  timeoutFailure,
  unavailableFailure,
  withoutSecrets,
} from './keychain-failure'

// Error texts measured with keytar 7.9 + libsecret + gnome-keyring on Debian 12.
const NO_SERVICE = 'The name org.freedesktop.secrets was not provided by any .service files'
const DEAD_BUS = 'Could not connect: No such file or directory'
const NO_BUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY'
const LOCKED = 'Cannot create an item in a locked collection'

describe('keychainErrorToFailure', () => {
  it.each([NO_SERVICE, DEAD_BUS, NO_BUS, 'libsecret-1.so.0: cannot open shared object file'])(
    'reads %j as no Secret Service and names the fix',
    (text) => {
      const failure = keychainErrorToFailure(new Error(text), 'linux')
      expect(failure.kind).toBe('unavailable')
      expect(failure.message).toContain('gnome-keyring')
      expect(failure.message).toContain('GITHUB_TOKEN')
      expect(failure.detail).toBe(text)
    },
  )

  it('reads a refused write as locked', () => {
    expect(keychainErrorToFailure(new Error(LOCKED), 'linux')).toEqual(
      lockedFailure('linux', LOCKED),
    )
    expect(
      keychainErrorToFailure(new Error('User interaction is not allowed.'), 'darwin').kind,
    ).toBe('locked')
  })

  it('names both fixes for an error it does not recognise', () => {
    const failure = keychainErrorToFailure('something odd', 'linux')
    expect(failure.kind).toBe('unavailable')
    expect(failure.message).toMatch(/running and unlocked/)
    expect(failure.detail).toBe('something odd')
  })

  it('never lets a secret through, even if the native error echoes it', () => {
    const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'
    const failure = keychainErrorToFailure(
      new Error(`bad password ${token} ${NO_SERVICE}`),
      'linux',
      [token],
    )
    expect(JSON.stringify(failure)).not.toContain(token)
    expect(failure.kind).toBe('unavailable')
  })
})

describe('probeErrorToFailure', () => {
  it('treats a write refused after a successful read as locked', () => {
    const failure = probeErrorToFailure(new Error(LOCKED), 'linux')
    expect(failure.kind).toBe('locked')
    expect(failure.message).toBe(
      'Your keychain is locked. Unlock it (e.g. log in again or open Passwords and Keys), then try again.',
    )
    expect(failure.detail).toContain(LOCKED)
    expect(probeErrorToFailure(new Error('Prompt dismissed'), 'linux').kind).toBe('locked')
  })

  it('still reports a vanished service as unavailable', () => {
    expect(probeErrorToFailure(new Error(DEAD_BUS), 'linux').kind).toBe('unavailable')
  })
})

describe('messages', () => {
  it('say what happened and what to do, per platform', () => {
    expect(timeoutFailure('linux', 5000, 'd').message).toBe(
      'The keychain is not responding (no answer after 5 s). Unlock it, or restart your keyring service (e.g. gnome-keyring), then try again; or set the GITHUB_TOKEN environment variable instead.',
    )
    expect(timeoutFailure('darwin', 250, 'd').message).toContain('after 0.3 s')
    expect(lockedFailure('darwin', 'd').message).toContain('Keychain Access')
    expect(unavailableFailure('win32', 'd').message).toContain('Windows Credential Manager')
    expect(unavailableFailure('darwin', 'd').message).toContain('macOS Keychain')
  })
})

describe('keychainErrorText and withoutSecrets', () => {
  it('gets a reason out of whatever was thrown', () => {
    expect(keychainErrorText(new Error('x'))).toBe('x')
    expect(keychainErrorText('y')).toBe('y')
    expect(keychainErrorText({ code: 1 })).toBe('{"code":1}')
    expect(keychainErrorText(undefined)).toBe('undefined')
  })

  it('masks every occurrence and ignores empty secrets', () => {
    expect(withoutSecrets('a s3cret b s3cret', ['s3cret', ''])).toBe('a *** b ***')
  })
})
