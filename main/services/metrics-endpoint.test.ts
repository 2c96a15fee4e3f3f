import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMetricsEndpoint, type MetricsEndpoint } from './metrics-endpoint'

let dir: string
let endpoint: MetricsEndpoint

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-metrics-'))
  endpoint = await startMetricsEndpoint({
    configDir: dir,
    port: 0,
    exposition: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'up 1\n' }),
  })
})

afterAll(async () => {
  await endpoint.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the desktop metrics endpoint', () => {
  it('listens on loopback and answers only with the token from its owner-only file', async () => {
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
    const token = (await readFile(endpoint.tokenFile, 'utf8')).trim()
    expect((await stat(endpoint.tokenFile)).mode & 0o777).toBe(0o600)
    const ok = await fetch(endpoint.url, { headers: { authorization: `Bearer ${token}` } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('up 1\n')
    expect((await fetch(endpoint.url)).status).toBe(401)
    expect((await fetch(endpoint.url.replace('/metrics', '/'))).status).toBe(404)
  })
})
