// A settings file written by the version before issue 8 (one `target`, a fixed `maxRunners`) loads
// into today's fields without losing anything the user saved, and the pool serves what it did.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { goalFromSettings } from '../pool-goal'
import { createSettingsStore } from './settings-store'

/** Every field the previous version wrote (its schema at the commit before targets[]). */
const PREVIOUS = {
  installationId: 'old12345',
  apiUrl: 'https://ghe.example.com/api/v3',
  target: { kind: 'repo', owner: 'acme', repo: 'widgets' },
  desiredRunners: 3,
  maxRunners: 8,
  labels: ['gpu', 'big'],
  runnerGroup: 'builders',
  image: 'ghcr.io/acme/runner:2',
  cpus: 2,
  memoryMb: 4096,
  networkMode: 'bridge',
  dockerAccess: true,
  startAtLogin: true,
  runOnLaunch: true,
  notifyJobResults: true,
  oauthClientId: 'Iv1.abc',
  windows: { dashboard: { x: 10, y: 20, width: 900, height: 700 }, logs: null },
}

let dir: string
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'runnerdock-migrate-')), 'RunnerDock')
  await mkdir(dir, { recursive: true })
})
afterEach(() => rm(path.dirname(dir), { recursive: true, force: true }))

async function loadFile(contents: object) {
  await writeFile(path.join(dir, 'settings.json'), JSON.stringify(contents, null, 2))
  const store = createSettingsStore({ dir })
  return { store, loaded: await store.load() }
}

describe('settings written by the previous version', () => {
  it('keep every value; the single target becomes the one entry of targets', async () => {
    const { loaded } = await loadFile(PREVIOUS)
    expect(loaded.warning).toBeNull()
    expect(loaded.keptAside).toBeNull()
    const { target, ...kept } = PREVIOUS
    expect(loaded.settings).toMatchObject({ ...kept, targets: [target] })
    expect(loaded.settings).not.toHaveProperty('target')
    // What is new starts as the previous version behaved: fixed, no discovery, nothing public.
    expect(loaded.settings).toMatchObject({
      mode: 'fixed',
      discoverRepositories: false,
      excludedTargets: [],
      allowPublic: [],
    })
    const goal = goalFromSettings(loaded.settings, [], { cores: 4, memoryBytes: 16 * 1024 ** 3 })
    expect(goal).toMatchObject({
      targets: [{ target, source: { kind: 'chosen' } }],
      mode: { kind: 'fixed', perTarget: 3 },
      max: 8,
    })
  })

  it('are saved in the new form on the next save, and load the same again', async () => {
    const { store, loaded } = await loadFile(PREVIOUS)
    expect((await store.save(loaded.settings)).ok).toBe(true)
    const written = JSON.parse(await readFile(store.path, 'utf8')) as Record<string, unknown>
    expect(written).not.toHaveProperty('target')
    expect(written.targets).toEqual([PREVIOUS.target])
    const again = await createSettingsStore({ dir }).load()
    expect(again.settings).toEqual(loaded.settings)
  })

  it('with no target chosen, or an organization, migrate too', async () => {
    const none = await loadFile({ ...PREVIOUS, target: null })
    expect(none.loaded.settings.targets).toEqual([])
    expect(none.loaded.warning).toBeNull()
    const org = await loadFile({ ...PREVIOUS, target: { kind: 'org', org: 'acme' } })
    expect(org.loaded.settings.targets).toEqual([{ kind: 'org', org: 'acme' }])
  })

  it('an oldest file with only a target and no id gets an id and keeps its target', async () => {
    const { store, loaded } = await loadFile({ target: PREVIOUS.target, desiredRunners: 2 })
    expect(loaded.settings.targets).toEqual([PREVIOUS.target])
    expect(loaded.settings.desiredRunners).toBe(2)
    const written = JSON.parse(await readFile(store.path, 'utf8')) as Record<string, unknown>
    expect(written).toMatchObject({ targets: [PREVIOUS.target], desiredRunners: 2 })
    expect(written).not.toHaveProperty('target')
  })
})
