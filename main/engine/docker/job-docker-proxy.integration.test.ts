// Docker for jobs on the real Docker engine (the scenario: e2e/support/job-docker-scenario.ts).
import Dockerode from 'dockerode'
import { describe, it } from 'vitest'
import { runJobDockerScenario } from '../../../e2e/support/job-docker-scenario'
import { resolveDockerConnection } from './docker-connection'

describe('a job using Docker through its runner proxy, on Docker Engine', () => {
  it('runs, is bounded, and leaves nothing once released', async () => {
    const connection = await resolveDockerConnection(process.env)
    if (!connection.ok) throw new Error(connection.error.message)
    const { jobMs } = await runJobDockerScenario(new Dockerode(), connection.value)
    console.log(`[figure] docker: job using Docker through the proxy: ${jobMs} ms`)
  }, 180_000)
})
