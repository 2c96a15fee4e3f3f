// Docker for jobs on the real Docker engine (the scenario: e2e/support/job-docker-scenario.ts),
// and the root container that empties folders a runner's files make undeletable.
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { describe, expect, it } from 'vitest'
import { ensureBusyboxTestImages, BUSYBOX_BASE_IMAGE } from '../../../e2e/support/docker-test-image'
import { runJobDockerScenario } from '../../../e2e/support/job-docker-scenario'
import { resolveDockerConnection } from './docker-connection'
import { emptyFolderWithContainer, jobDockerDaemon } from './job-resources'

async function connection() {
  const resolved = await resolveDockerConnection(process.env)
  if (!resolved.ok) throw new Error(resolved.error.message)
  return resolved.value
}

describe('a job using Docker through its runner proxy, on Docker Engine', () => {
  it('runs, is bounded, and leaves nothing once released', async () => {
    const { jobMs } = await runJobDockerScenario(new Dockerode(), await connection())
    console.log(`[figure] docker: job using Docker through the proxy: ${jobMs} ms`)
  }, 180_000)

  it('empties a folder with a root container, hidden files and read-only folders included', async () => {
    const docker = new Dockerode()
    await ensureBusyboxTestImages(docker)
    const folder = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-empty-'))
    try {
      await fsp.mkdir(path.join(folder, 'repo', 'deep'), { recursive: true })
      for (const name of ['repo/deep/file', '.hidden', '..double'])
        await fsp.writeFile(path.join(folder, name), 'x')
      await fsp.chmod(path.join(folder, 'repo'), 0o500)
      const emptied = await emptyFolderWithContainer(
        jobDockerDaemon(await connection()),
        BUSYBOX_BASE_IMAGE,
        folder,
        { 'dev.runnerdock.probe': 'folder-cleanup' },
      )
      expect(emptied).toEqual({ ok: true, value: undefined })
      expect(await fsp.readdir(folder)).toEqual([])
      const left = await docker.listContainers({
        all: true,
        filters: { label: ['dev.runnerdock.probe=folder-cleanup'] },
      })
      expect(left).toEqual([])
    } finally {
      await fsp.rm(folder, { recursive: true, force: true })
    }
  }, 60_000)
})
