import { describe, expect, it } from 'vitest'
import { err, ok } from '../../common/result'
import { defaultSettings } from '../../common/settings'
import { CacheControl } from './cache-control'
import type { DockerPort } from './docker/docker-port'

const settings = { ...defaultSettings(), installationId: 'abcd1234' }
const down = async () =>
  err({ kind: 'unreachable' as const, message: 'Docker is not running.', detail: 'ENOENT' })
const noConnection = async () => ok({ port: {} as DockerPort, description: 'fake' })

describe('CacheControl', () => {
  it('says why it cannot list or clear, in the user’s words', async () => {
    const control = new CacheControl(down, () => settings)
    expect(await control.list()).toEqual({ ok: false, message: 'Docker is not running.' })
    expect(await control.clear()).toEqual({ ok: false, message: 'Docker is not running.' })
    expect(await new CacheControl(noConnection, () => settings).list()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/caches live in Docker/),
    })
    const noId = new CacheControl(noConnection, () => ({ ...settings, installationId: undefined }))
    expect(await noId.list()).toMatchObject({ ok: false, message: expect.stringMatching(/no id/) })
  })

  it('refuses a target that names no cache before asking Docker', async () => {
    const control = new CacheControl(down, () => settings)
    expect(await control.clear('a/b/c')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/names no cache/),
    })
  })
})
