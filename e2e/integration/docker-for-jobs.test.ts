// "Give jobs access to Docker" end to end with the built CLI on the real engine: a job of the
// stand-in runner (with a Docker client) starts a container that bind-mounts its workspace and
// reads the file the job wrote; a privileged container is refused; what the job left running is
// removed with its runner, and so are the runner's folders.
import { existsSync, promises as fsp } from 'node:fs'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dockerBridgeHost } from '../emulator/bridge-host'
import { buildStandinWithDockerCli } from '../support/docker-cli-image'
import { LABELS } from '../../main/engine/pool/runner-labels'
import { runnerdock } from '../support/cli-process'
import { startCliBed, type CliBed } from '../support/cli-bed'

const JOB_OF = 'dev.runnerdock.job-of'
const docker = new Dockerode()

let bed: CliBed
let image: string

beforeAll(async () => {
  const host = await dockerBridgeHost()
  if (host === '127.0.0.1')
    throw new Error('Docker’s default bridge has no address on this machine')
  bed = await startCliBed({ name: 'jobs', token: `ghp_${'j'.repeat(36)}`, emulator: { host } })
  image = await buildStandinWithDockerCli(docker, bed.image)
}, 180_000)

afterAll(async () => {
  await bed?.close()
})

describe('Docker for jobs', () => {
  it('a job bind-mounts its workspace into a container it starts; what it leaves goes with its runner', async () => {
    const up = runnerdock(
      [
        'up',
        '--target',
        'acme/dockerized',
        '--runners',
        '1',
        '--api-url',
        bed.emulator.url,
        '--image',
        image,
        '--docker-access',
      ],
      bed.env,
    )
    await up.waitFor(/Online, listening for jobs/, 60_000)
    const id = await bed.installationId()
    const [runner] = (await bed.containersOf(id)).map((c) => c.Labels[LABELS.runner]!)
    const folder = path.join(bed.configDir, 'jobs', runner!)
    expect(existsSync(path.join(folder, 'work'))).toBe(true)

    const script = [
      'echo "from the workspace" > "$RUNNER_WORKSPACE/hello.txt"',
      `seen=$(/usr/bin/docker run --rm -v "$RUNNER_WORKSPACE:/ws" --entrypoint /bin/cat ${bed.image} /ws/hello.txt)`,
      'echo "the container read: $seen"',
      'test "$seen" = "from the workspace"',
      `if /usr/bin/docker run --rm --privileged --entrypoint /bin/true ${bed.image}; then echo "privileged ran"; exit 1; fi`,
      `/usr/bin/docker run -d --entrypoint /bin/sleep ${bed.image} 600`,
    ].join('\n')
    const jobId = bed.emulator.queueJob(
      { owner: 'acme', repo: 'dockerized' },
      { name: 'uses-docker', labels: ['self-hosted'], script },
    )
    await expect.poll(() => bed.emulator.job(jobId)?.status, { timeout: 60_000 }).toBe('completed')
    expect(bed.emulator.job(jobId)).toMatchObject({ result: 'Succeeded', runnerName: runner })

    // The runner is replaced; the container its job left running and its folders go with it.
    await expect
      .poll(
        async () =>
          (await docker.listContainers({ all: true, filters: { label: [`${JOB_OF}=${runner}`] } }))
            .length,
        { timeout: 30_000 },
      )
      .toBe(0)
    await expect.poll(() => existsSync(folder), { timeout: 10_000 }).toBe(false)
    await up.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 60_000)

    up.child.kill('SIGINT')
    expect(await up.exit).toBe(0)
    expect(await bed.containersOf(id)).toEqual([])
    expect(await fsp.readdir(path.join(bed.configDir, 'jobs'))).toEqual([])
  }, 240_000)
})
