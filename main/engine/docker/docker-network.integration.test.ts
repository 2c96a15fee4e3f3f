import { describe, expect, it } from 'vitest'
import { createDockerPort } from './create-docker-port'
import { resolveDockerConnection } from './docker-connection'

async function port(env: NodeJS.ProcessEnv) {
  const resolved = await resolveDockerConnection(env)
  if (!resolved.ok) throw new Error(resolved.error.message)
  return createDockerPort({ connection: resolved.value, callTimeoutMs: 5000 })
}

describe('networkExists against the real engine', () => {
  it("finds Docker's own networks and not a misspelled one", async () => {
    const docker = await port(process.env)
    expect(await docker.networkExists!('bridge')).toEqual({ ok: true, value: true })
    expect(await docker.networkExists!('host')).toEqual({ ok: true, value: true })
    expect(await docker.networkExists!(`rd-no-such-network-${process.pid}`)).toEqual({
      ok: true,
      value: false,
    })
  })

  it('refuses a name Docker could never accept, and says when Docker is away', async () => {
    const docker = await port(process.env)
    const bad = await docker.networkExists!('my net/../x')
    expect(!bad.ok && bad.error.message).toMatch(/not a valid Docker network name/)
    const away = await port({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    const result = await away.networkExists!('bridge')
    expect(!result.ok && result.error.kind).toBe('unreachable')
  })
})
