// Docker for jobs on Podman: the same scenario as on Docker Engine
// (e2e/support/job-docker-scenario.ts), through the proxy to a private `podman system service`.
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { parseDockerHost } from '../../main/engine/docker/docker-connection'
import { runJobDockerScenario } from '../support/job-docker-scenario'
import { podmanMissingReason, startPodmanService, type PodmanService } from './podman-service'

const missing = podmanMissingReason()

describe.skipIf(missing !== null)(
  missing === null
    ? 'a job using Docker through its runner proxy, on Podman'
    : `a job using Docker through its runner proxy, on Podman — skipped: ${missing}`,
  () => {
    let podman: PodmanService
    beforeAll(async () => {
      podman = await startPodmanService()
    })
    afterAll(() => podman?.close())

    it('runs, is bounded, and leaves nothing once released', async () => {
      const connection = parseDockerHost(podman.dockerHost, {
        tls: 'off',
        tlsFiles: {},
        source: 'test',
      })
      if (!connection.ok) throw new Error(connection.error.message)
      const { jobMs } = await runJobDockerScenario(
        new Dockerode({ socketPath: podman.socketPath }),
        connection.value,
      )
      console.log(`[figure] podman: job using Docker through the proxy: ${jobMs} ms`)
    }, 300_000)
  },
)
