import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../common/settings'
import {
  corruptFileName,
  defaultConfigDir,
  describeFsError,
  findTokenLikeValue,
  installationIdFromBytes,
  parseSettingsText,
} from './settings-file'

describe('defaultConfigDir', () => {
  it('prefers RUNNERDOCK_CONFIG_DIR everywhere', () => {
    expect(defaultConfigDir({ RUNNERDOCK_CONFIG_DIR: '/srv/rd' }, 'linux', '/home/u')).toBe(
      '/srv/rd',
    )
    expect(defaultConfigDir({ RUNNERDOCK_CONFIG_DIR: 'D:\\rd' }, 'win32', 'C:\\Users\\u')).toBe(
      'D:\\rd',
    )
  })

  it('matches Electron userData on Linux: XDG_CONFIG_HOME, else ~/.config', () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/u')).toBe(
      '/x/cfg/RunnerDock',
    )
    expect(defaultConfigDir({}, 'linux', '/home/u')).toBe('/home/u/.config/RunnerDock')
    expect(defaultConfigDir({ XDG_CONFIG_HOME: ' ' }, 'freebsd', '/home/u')).toBe(
      '/home/u/.config/RunnerDock',
    )
  })

  it('matches Electron userData on macOS and Windows', () => {
    expect(defaultConfigDir({}, 'darwin', '/Users/u')).toBe(
      '/Users/u/Library/Application Support/RunnerDock',
    )
    expect(
      defaultConfigDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'),
    ).toBe('C:\\Users\\u\\AppData\\Roaming\\RunnerDock')
    expect(defaultConfigDir({}, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\RunnerDock',
    )
  })
})

describe('installationIdFromBytes', () => {
  it('maps bytes to 8 characters of [a-z0-9]', () => {
    expect(installationIdFromBytes(Uint8Array.from([0, 1, 25, 26, 35, 36, 71, 251]))).toBe(
      'abz09a99',
    )
  })

  it('skips bytes that would bias the result, and says when bytes run out', () => {
    expect(installationIdFromBytes(Uint8Array.from([252, 255, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe(
      'aaaaaaaa',
    )
    expect(installationIdFromBytes(Uint8Array.from([0, 1, 2, 252, 253, 254, 255]))).toBeNull()
  })
})

describe('parseSettingsText', () => {
  it('fills defaults for missing fields', () => {
    const parsed = parseSettingsText('{"maxRunners": 3}')
    expect(parsed).toEqual({ ok: true, settings: { ...defaultSettings(), maxRunners: 3 } })
  })

  it('explains bad JSON without quoting the text, and salvages a readable id', () => {
    const parsed = parseSettingsText('{"installationId":"ab12cd34","image":"secret-ish",')
    expect(parsed).toEqual({
      ok: false,
      reason: 'it is not valid JSON',
      installationId: 'ab12cd34',
    })
    expect(parseSettingsText('   ')).toMatchObject({ ok: false, reason: 'it is empty' })
  })

  it('names the fields that fail the schema and keeps a valid id', () => {
    const parsed = parseSettingsText('{"installationId":"ab12cd34","maxRunners":0,"labels":"x"}')
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.reason).toContain('maxRunners')
    expect(parsed.reason).toContain('labels')
    expect(parsed.installationId).toBe('ab12cd34')
    expect(parseSettingsText('[1]')).toMatchObject({ ok: false, installationId: null })
    expect(parseSettingsText('null')).toMatchObject({ ok: false, installationId: null })
  })
})

describe('findTokenLikeValue', () => {
  const classic = `ghp_${'a'.repeat(36)}`

  it('finds every GitHub token prefix, wherever the string is', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) {
      expect(findTokenLikeValue({ a: { b: [`${prefix}${'Z9'.repeat(18)}`] } })).toBe('a.b.0')
    }
    expect(findTokenLikeValue({ url: `https://x:${classic}@example.com` })).toBe('url')
    expect(findTokenLikeValue({ pat: `github_pat_11AB_${'c'.repeat(60)}` })).toBe('pat')
    expect(findTokenLikeValue(classic)).toBe('(root)')
  })

  it('leaves ordinary values alone', () => {
    expect(findTokenLikeValue(defaultSettings())).toBeNull()
    expect(findTokenLikeValue({ labels: ['ghp_short', 'my-ghp_label', 'self-hosted'] })).toBeNull()
    expect(findTokenLikeValue({ n: 1, b: true, z: null })).toBeNull()
  })
})

describe('corruptFileName and describeFsError', () => {
  it('stamps the name with an ISO time without colons', () => {
    expect(corruptFileName('settings.json', new Date('2025-01-02T03:04:05.678Z'))).toBe(
      'settings.json.corrupt-2025-01-02T030405.678Z',
    )
  })

  it('says in words why a write failed', () => {
    expect(describeFsError(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe(
      'the disk is full',
    )
    expect(describeFsError(Object.assign(new Error('x'), { code: 'EACCES' }))).toContain(
      'not allowed',
    )
    expect(describeFsError(new Error('odd'))).toBe('odd')
  })
})
