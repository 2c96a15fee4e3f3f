import { describe, expect, it } from 'vitest'
import { err, ok } from '../../common/result'
import type { DockerFailure, DockerPort } from './docker/docker-port'
import { checkSettingsAtSave, judgeImage, judgeNetwork } from './settings-check'

const away: DockerFailure = { kind: 'unreachable', message: 'Docker is not running.', detail: '' }

function docker(images: string[], networks: string[] | null) {
  const calls: string[] = []
  const port = {
    imagePresent: async (image: string) => (
      calls.push(`image ${image}`),
      ok(images.includes(image))
    ),
    ...(networks
      ? {
          networkExists: async (name: string) => (
            calls.push(`network ${name}`),
            ok(networks.includes(name))
          ),
        }
      : {}),
  } as unknown as DockerPort
  return { calls, connect: async () => ok({ port }) }
}

describe('judgeImage', () => {
  it('refuses a name Docker could never pull, and says what it found otherwise', () => {
    expect(judgeImage('runner dock', ok(true))).toMatchObject({ ok: false, field: 'image' })
    expect(judgeImage('busybox', ok(true))).toMatchObject({ level: 'ok' })
    expect(judgeImage('busybox:lates', ok(false))).toMatchObject({
      level: 'info',
      message: expect.stringMatching(/pulled when the pool starts/),
    })
    expect(judgeImage('busybox', err(away))).toMatchObject({ level: 'warn' })
    expect(judgeImage('busybox', null)).toMatchObject({ level: 'warn' })
  })
})

describe('judgeNetwork', () => {
  it("needs no check for Docker's default or a container's network", () => {
    expect(judgeNetwork(null, null)).toEqual({ ok: true, notes: [] })
    expect(judgeNetwork('container:abc', null)).toEqual({ ok: true, notes: [] })
  })

  it('refuses a network Docker does not have, or a name it could not have', () => {
    expect(judgeNetwork('hots', ok(false))).toMatchObject({
      ok: false,
      field: 'networkMode',
      message: expect.stringMatching(/no network named "hots"/),
    })
    expect(judgeNetwork('a b', null)).toMatchObject({ ok: false, field: 'networkMode' })
    expect(judgeNetwork('host', ok(true))).toMatchObject({ level: 'ok' })
    expect(judgeNetwork('host', err(away))).toMatchObject({ level: 'warn' })
  })
})

describe('checkSettingsAtSave', () => {
  it('checks only what changed', async () => {
    const d = docker(['busybox'], ['host'])
    const next = { image: 'busybox', networkMode: 'host' }
    expect(
      await checkSettingsAtSave(d.connect, next, { image: false, networkMode: false }),
    ).toEqual({ ok: true, notes: [] })
    expect(d.calls).toEqual([])
    const both = await checkSettingsAtSave(d.connect, next, { image: true, networkMode: true })
    expect(both.ok && both.notes.map((n) => [n.field, n.level])).toEqual([
      ['image', 'ok'],
      ['networkMode', 'ok'],
    ])
    expect(d.calls).toEqual(['image busybox', 'network host'])
  })

  it('refuses a misspelled network and an invalid image without saving', async () => {
    const d = docker(['busybox'], ['host'])
    expect(
      await checkSettingsAtSave(
        d.connect,
        { image: 'busybox', networkMode: 'hots' },
        { image: true, networkMode: true },
      ),
    ).toMatchObject({ ok: false, field: 'networkMode' })
    expect(
      await checkSettingsAtSave(
        d.connect,
        { image: 'Busy Box', networkMode: null },
        { image: true, networkMode: false },
      ),
    ).toMatchObject({ ok: false, field: 'image' })
  })

  it('saves with a warning when Docker is away', async () => {
    const gone = await checkSettingsAtSave(
      async () => err(away),
      { image: 'busybox', networkMode: 'host' },
      { image: true, networkMode: true },
    )
    expect(gone.ok && gone.notes.map((n) => n.level)).toEqual(['warn', 'warn'])
  })
})
