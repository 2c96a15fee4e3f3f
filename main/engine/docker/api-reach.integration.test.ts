// doctor's "can a runner reach GitHub" check on the real engine, with the stand-in runner image
// (busybox wget, as the official image would use curl) and a local server in place of GitHub.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildRunnerImage } from '../../../e2e/runner-image/build'
import { checkApiReach, PROBE_LABEL } from './api-reach'
import { unreachableMessage } from './api-reach-plan'
import { resolveDockerConnection, type DockerConnection } from './docker-connection'

let connection: DockerConnection
let image: string
let server: http.Server
let url: string

beforeAll(async () => {
  const resolved = await resolveDockerConnection(process.env)
  if (!resolved.ok) throw new Error(resolved.error.message)
  connection = resolved.value
  image = await buildRunnerImage()
  server = http.createServer((_req, res) => {
    res.statusCode = 404
    res.end('{"message":"Not Found"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`
})

afterAll(async () => {
  server?.close()
  const docker = new Dockerode()
  const left = await docker.listContainers({ all: true, filters: { label: [PROBE_LABEL] } })
  expect(left).toEqual([])
})

describe('checkApiReach', () => {
  it('reaches a server on the host from network host', async () => {
    const verdict = await checkApiReach(connection, { image, network: 'host', url })
    expect(verdict).toEqual({
      ok: true,
      value: { kind: 'reached', detail: expect.stringContaining('404') },
    })
  })

  it('cannot reach 127.0.0.1 from the default bridge, and says why', async () => {
    const verdict = await checkApiReach(connection, { image, network: null, url })
    expect(verdict).toMatchObject({ ok: true, value: { kind: 'unreachable' } })
    const detail = verdict.ok ? verdict.value.detail : ''
    expect(detail).toMatch(/Connection refused/)
    expect(unreachableMessage(url, null, detail)).toMatch(
      /^cannot reach http:\/\/127\.0\.0\.1:\d+ from inside a container on the default bridge network: .*Connection refused — inside a container 127\.0\.0\.1 is the container itself: use --network host/,
    )
  })

  it('answers a Docker failure for a network that does not exist', async () => {
    const verdict = await checkApiReach(connection, {
      image,
      network: 'runnerdock-no-such-net',
      url,
    })
    expect(verdict).toMatchObject({ ok: false, error: { kind: 'not-found' } })
    expect(verdict.ok ? '' : verdict.error.message).toMatch(/runnerdock-no-such-net/)
  })
})
