import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CACHE_LIMIT_GB, defaultSettings } from '../../../common/settings'
import { createSettingsStore, SettingsUnreadableError } from './settings-store'

const TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}123456`

let root: string
let dir: string

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-settings-'))
  dir = path.join(root, 'config', 'RunnerDock')
})

afterEach(async () => {
  await chmod(root, 0o700).catch(() => undefined)
  await rm(root, { recursive: true, force: true })
})

async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
}

describe('createSettingsStore', () => {
  it('gives defaults and a new installation id when there is no file, and saves them', async () => {
    const store = createSettingsStore({ dir })
    const loaded = await store.load()

    expect(loaded.warning).toBeNull()
    expect(loaded.keptAside).toBeNull()
    expect(loaded.settings.installationId).toMatch(/^[a-z0-9]{8}$/)
    expect({ ...loaded.settings, installationId: undefined }).toEqual({
      ...defaultSettings(),
      installationId: undefined,
    })
    expect(store.path).toBe(path.join(dir, 'settings.json'))
    expect(await readJson(store.path)).toMatchObject({
      installationId: loaded.settings.installationId,
    })
  })

  it('creates the folder 0700 and the file 0600', async () => {
    const store = createSettingsStore({ dir })
    await store.load()
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
  })

  it('keeps the installation id stable across loads, saves and new store instances', async () => {
    const first = await createSettingsStore({ dir }).load()
    const store = createSettingsStore({ dir })
    const second = await store.load()
    expect(second.settings.installationId).toBe(first.settings.installationId)

    // A caller that drops the id does not lose it.
    const { installationId: _dropped, ...withoutId } = second.settings
    expect((await store.save({ ...withoutId, desiredRunners: 3 })).ok).toBe(true)
    const third = await createSettingsStore({ dir }).load()
    expect(third.settings.installationId).toBe(first.settings.installationId)
    expect(third.settings.desiredRunners).toBe(3)
  })

  it('fills defaults for a partial (older) file and adds an id without losing its values', async () => {
    await mkdir(dir, { recursive: true })
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ desiredRunners: 4, labels: ['gpu'] }),
    )
    const store = createSettingsStore({ dir })
    const loaded = await store.load()

    expect(loaded.warning).toBeNull()
    expect(loaded.settings).toMatchObject({
      ...defaultSettings(),
      desiredRunners: 4,
      labels: ['gpu'],
    })
    // Settings added later (caches) come on with their defaults.
    expect(loaded.settings).toMatchObject({ caches: true, cacheLimitGb: DEFAULT_CACHE_LIMIT_GB })
    expect(loaded.settings.installationId).toMatch(/^[a-z0-9]{8}$/)
    expect(await readJson(store.path)).toMatchObject({
      desiredRunners: 4,
      labels: ['gpu'],
      installationId: loaded.settings.installationId,
    })
  })

  it('keeps a file with bad JSON aside, says where, and salvages its installation id', async () => {
    await mkdir(dir, { recursive: true })
    const broken = '{ "installationId": "abcd1234", "desiredRunners": 4, '
    await writeFile(path.join(dir, 'settings.json'), broken)
    const store = createSettingsStore({ dir })
    const loaded = await store.load()

    expect(loaded.settings).toEqual({ ...defaultSettings(), installationId: 'abcd1234' })
    expect(loaded.keptAside).toMatch(/settings\.json\.corrupt-\d{4}-\d\d-\d\dT\d{6}\.\d{3}Z$/)
    expect(path.dirname(loaded.keptAside ?? '')).toBe(dir)
    expect(loaded.warning).toContain('not valid JSON')
    expect(loaded.warning).toContain(loaded.keptAside)
    expect(await readFile(loaded.keptAside ?? '', 'utf8')).toBe(broken)
    // The replacement is valid, so the next start is quiet and keeps the id.
    const again = await createSettingsStore({ dir }).load()
    expect(again.warning).toBeNull()
    expect(again.settings.installationId).toBe('abcd1234')
  })

  it('keeps a file that fails the schema aside and names the bad field', async () => {
    await mkdir(dir, { recursive: true })
    const invalid = JSON.stringify({ installationId: 'zzzz9999', desiredRunners: 'many' })
    await writeFile(path.join(dir, 'settings.json'), invalid)
    const loaded = await createSettingsStore({ dir }).load()

    expect(loaded.settings).toEqual({ ...defaultSettings(), installationId: 'zzzz9999' })
    expect(loaded.warning).toContain('desiredRunners')
    expect(loaded.warning).toContain(loaded.keptAside)
    expect(await readFile(loaded.keptAside ?? '', 'utf8')).toBe(invalid)
    expect((await readdir(dir)).sort()).toEqual(
      ['settings.json', path.basename(loaded.keptAside ?? '')].sort(),
    )
  })

  it('makes a new id when the corrupt file held none worth keeping', async () => {
    await mkdir(dir, { recursive: true })
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ installationId: 'NOT-VALID' }),
    )
    const loaded = await createSettingsStore({ dir }).load()
    expect(loaded.settings.installationId).toMatch(/^[a-z0-9]{8}$/)
    expect(loaded.keptAside).not.toBeNull()
  })

  it('writes atomically: the file is replaced whole and no temp file is left', async () => {
    const store = createSettingsStore({ dir })
    const { settings } = await store.load()
    const saves = Array.from({ length: 20 }, (_, n) =>
      store.save({ ...settings, desiredRunners: n }),
    )
    const results = await Promise.all(saves)

    expect(results.every((r) => r.ok)).toBe(true)
    expect(await readdir(dir)).toEqual(['settings.json'])
    // Queued in call order, so the last call wins.
    expect(await readJson(store.path)).toMatchObject({ desiredRunners: 19 })
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
  })

  it('refuses to save anything that looks like a GitHub token, without echoing it', async () => {
    const store = createSettingsStore({ dir })
    const { settings } = await store.load()
    const before = await readFile(store.path, 'utf8')
    const cases = [
      { ...settings, labels: ['linux', TOKEN] },
      { ...settings, image: `registry.example.com/${TOKEN}` },
      { ...settings, oauthClientId: `github_pat_${'x1'.repeat(20)}` },
      { ...settings, runnerGroup: `gho_${'y'.repeat(36)}` },
    ]
    for (const candidate of cases) {
      const saved = await store.save(candidate)
      expect(saved.ok).toBe(false)
      if (saved.ok) continue
      expect(saved.error.kind).toBe('contains-token')
      expect(JSON.stringify(saved.error)).not.toContain(TOKEN)
      expect(JSON.stringify(saved.error)).not.toMatch(/gh[pousr]_\w{20}|github_pat_\w{20}/)
    }
    expect(await readFile(store.path, 'utf8')).toBe(before)
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('refuses settings that fail the schema', async () => {
    const store = createSettingsStore({ dir })
    const { settings } = await store.load()
    const saved = await store.save({ ...settings, desiredRunners: -1 })
    expect(saved.ok ? null : saved.error.kind).toBe('invalid')
  })

  it('starts with defaults and a warning, not a crash, when the folder is unusable', async () => {
    // A file where the folder should be: fails even for root (CI runs as root).
    await writeFile(path.join(root, 'config'), 'not a folder')
    const store = createSettingsStore({ dir })
    const loaded = await store.load()
    expect(loaded.settings.installationId).toMatch(/^[a-z0-9]{8}$/)
    expect(loaded.warning).toContain('started with default settings')
    expect(loaded.warning).toContain(store.path)
    const saved = await store.save(loaded.settings)
    expect(saved.ok ? null : saved.error.kind).toBe('write-failed')
  })

  it('reports a write failure as a value, leaving no temp file', async () => {
    // A folder named like the file makes the final rename fail even for root.
    const store = createSettingsStore({ dir })
    await mkdir(path.join(dir, 'settings.json', 'blocker'), { recursive: true })
    const saved = await store.save(defaultSettings())
    expect(saved.ok ? null : saved.error.kind).toBe('write-failed')
    expect(saved.ok ? '' : saved.error.message).toContain(store.path)
    expect(await readdir(dir)).toEqual(['settings.json'])
  })
})

describe('a settings file that exists but cannot be read', () => {
  async function expectUnreadable(store: ReturnType<typeof createSettingsStore>, why: RegExp) {
    const read = await store.read()
    expect(read.ok).toBe(false)
    if (read.ok) return
    expect(read.error.kind).toBe('unreadable')
    expect(read.error.message).toContain(store.path)
    expect(read.error.message).toMatch(why)
    expect(read.error.message).toContain('installation id')
    await expect(store.load()).rejects.toThrow(SettingsUnreadableError)
  }

  it('is a typed failure, never a new installation id, when the path is a folder (EISDIR)', async () => {
    await mkdir(path.join(dir, 'settings.json'), { recursive: true })
    const store = createSettingsStore({ dir })
    await expectUnreadable(store, /a folder, not a file/)
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('is a typed failure when reading fails (EACCES, EIO), and the file is left as it was', async () => {
    await mkdir(dir, { recursive: true })
    const original = JSON.stringify({ installationId: 'keep1234', desiredRunners: 2 })
    await writeFile(path.join(dir, 'settings.json'), original)
    for (const [code, why] of [
      ['EACCES', /not allowed to read it/],
      ['EIO', /input\/output error/],
    ] as const) {
      const store = createSettingsStore({
        dir,
        readFile: () => Promise.reject(Object.assign(new Error(`${code}: read`), { code })),
      })
      await expectUnreadable(store, why)
    }
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(original)
    expect(await readdir(dir)).toEqual(['settings.json'])
    expect((await createSettingsStore({ dir }).load()).settings.installationId).toBe('keep1234')
  })
})

describe('a saved API URL the keychain cannot use', () => {
  it('is kept aside with its installation id instead of breaking every start', async () => {
    await mkdir(dir, { recursive: true })
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({ installationId: 'ipv6abcd', apiUrl: 'http://[::1]:8080' }),
    )
    const loaded = await createSettingsStore({ dir }).load()
    expect(loaded.settings.installationId).toBe('ipv6abcd')
    expect(loaded.settings.apiUrl).toBe('https://api.github.com')
    expect(loaded.warning).toContain('apiUrl')
    expect(loaded.keptAside).not.toBeNull()
  })
})
