import { describe, expect, it } from 'vitest'
import type { DockerConnection } from '../docker/docker-connection'
import { stepOutputUnavailable } from './diag-support'

const connection = (endpoint: string, socketPath: string | null): DockerConnection => ({
  options: {},
  endpoint,
  description: endpoint,
  socketPath,
  skipTlsVerify: false,
})

describe('stepOutputUnavailable', () => {
  it.each([
    ['unix:///var/run/docker.sock', '/var/run/docker.sock', true],
    ['unix:///Users/ana/.docker/run/docker.sock', '/Users/ana/.docker/run/docker.sock', true],
    ['npipe:////./pipe/docker_engine', null, true],
    ['tcp://127.0.0.1:2375', null, true],
    ['tcp://localhost:2375', null, true],
    ['tcp://build-box.example:2376', null, false],
    ['tcp://10.0.0.7:2376', null, false],
  ] as const)('%s: shown %s', (endpoint, socket, shown) => {
    const why = stepOutputUnavailable(connection(endpoint, socket))
    expect(why === null).toBe(shown)
    if (why)
      expect(why).toMatch(
        /^Step output is not shown: the Docker daemon at tcp:\/\/\S+ runs on another machine/,
      )
  })
})
