import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { EventPayload } from '../../common/contract'
import { dispatch } from '../../common/dispatch'
import { systemClock } from '../../common/clock'
import { ok } from '../../common/result'
import { defaultSettings, type Settings } from '../../common/settings'
import type { DockerPort } from './docker/docker-port'
import { Engine } from './engine'

// The engine as the dashboard uses it, on stubs (no Docker, no GitHub, no keychain): settings
// checked at save, health checked while stopped and before any token, the device-flow button.
async function engine() {
  const saved: Settings[] = []
  const docker = {
    ping: async () => ok({ apiVersion: '1.41', os: 'linux', arch: 'arm64' }),
    imagePresent: async (image: string) => ok(image === 'busybox'),
    networkExists: async (name: string) => ok(name === 'host'),
  } as unknown as DockerPort
  const loaded = {
    settings: { ...defaultSettings(), installationId: 'abcd1234', image: 'busybox' },
    warning: null,
    keptAside: null,
  }
  const e = await Engine.create({
    host: 'headless',
    version: 'test',
    configDir: '/nonexistent',
    clock: systemClock,
    tokens: {
      get: async () => ok(null),
      set: async () => ok(undefined),
      clear: async () => ok({ removed: false }),
    },
    settings: {
      path: '/nonexistent/settings.json',
      load: async () => loaded,
      read: async () => ok(loaded),
      save: async (s) => (saved.push(s), ok(undefined)),
    },
    pending: { list: async () => [], add: async () => {}, remove: async () => {} },
    docker: async () => ok({ port: docker, description: 'stub' }),
  })
  return { engine: e, saved }
}

describe('the engine for the dashboard', () => {
  it('checks Docker and the image before any token, and learns the labels', async () => {
    const { engine: e } = await engine()
    const snapshot = await e.checkHealth()
    expect(snapshot.running).toBe(false)
    expect(snapshot.health.docker).toMatchObject({ state: 'ok', summary: 'Docker API 1.41' })
    expect(snapshot.health.image).toMatchObject({ state: 'ok', summary: 'busybox' })
    expect(snapshot.labels).toEqual(['self-hosted', 'Linux', 'ARM64', 'runnerdock-abcd1234'])
  })

  it('refuses a network Docker does not have, at its field, and saves nothing', async () => {
    const { engine: e, saved } = await engine()
    expect(await e.updateSettings({ patch: { networkMode: 'hots' } })).toMatchObject({
      ok: false,
      field: 'networkMode',
    })
    expect(saved).toEqual([])
    expect(e.settings.networkMode).toBeNull()
  })

  it('saves an absent image with word that it is pulled at start, and checks health again', async () => {
    const { engine: e } = await engine()
    const snapshots: EventPayload<'snapshot'>[] = []
    e.on('snapshot', (s) => snapshots.push(s))
    const result = await e.updateSettings({ patch: { image: 'busybox:lates' } })
    expect(result).toEqual({
      ok: true,
      notes: [expect.objectContaining({ field: 'image', level: 'info' })],
    })
    await expect
      .poll(() => snapshots.at(-1)?.health.image.summary)
      .toBe('busybox:lates: not here yet, pulled at start')
  })

  it('says at once that "Sign in with GitHub" is available once a client id is saved', async () => {
    const { engine: e } = await engine()
    const flows: EventPayload<'deviceFlow'>[] = []
    e.on('deviceFlow', (f) => flows.push(f))
    await e.updateSettings({ patch: { oauthClientId: 'Iv1.abc' } })
    expect(flows).toEqual([{ state: 'idle', available: true }])
    await e.updateSettings({ patch: { oauthClientId: null } })
    expect(flows.at(-1)).toEqual({ state: 'idle', available: false })
  })

  it('exports the saved pool for Kubernetes through the contract, once it has a target', async () => {
    const { engine: e } = await engine()
    expect(await dispatch(e, 'exportArc', {})).toEqual({
      ok: true,
      value: { ok: false, message: expect.stringMatching(/^Nothing to export/) },
    })
    await e.updateSettings({
      patch: { targets: [{ kind: 'repo', owner: 'octo', repo: 'app' }], desiredRunners: 2 },
    })
    const answer = await dispatch(e, 'exportArc', {})
    if (!answer.ok) throw new Error(answer.error)
    const value = answer.value as { ok: true; files: { path: string; text: string }[] }
    expect(value.files.map((f) => f.path)).toEqual(['octo-app.values.yaml', 'arc-guide.md'])
    expect(parse(value.files[0]!.text)).toMatchObject({ minRunners: 2, maxRunners: 2 })
    expect(await dispatch(e, 'saveArcExport', {})).toEqual({
      ok: true,
      value: { ok: false, message: expect.stringMatching(/download each file/) },
    })
  })
})
