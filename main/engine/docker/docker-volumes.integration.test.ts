import { describe, expect, it } from 'vitest'
import { dockerContextFor } from './create-docker-port'
import { resolveDockerConnection } from './docker-connection'
import { volumeUsage } from './docker-volumes'

describe('volumeUsage against the real engine', () => {
  it('measures while others measure at once (the engine serves one and refuses the rest)', async () => {
    const resolved = await resolveDockerConnection(process.env)
    if (!resolved.ok) throw new Error(resolved.error.message)
    const context = dockerContextFor(resolved.value, { callTimeoutMs: 10_000 })
    // `runnerdock cache list` while the app measures its caches: several callers at one moment.
    const results = await Promise.all(Array.from({ length: 4 }, () => volumeUsage(context)))
    expect(results.map((r) => (r.ok ? 'ok' : r.error.message))).toEqual(['ok', 'ok', 'ok', 'ok'])
  }, 60_000)
})
