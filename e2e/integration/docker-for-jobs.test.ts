// "Give jobs access to Docker" end to end with the built CLI on the real engine: a job of the
// stand-in runner (with a Docker client) starts a container that bind-mounts its workspace and
// reads the file the job wrote; a privileged container is refused; what the job left running is
// removed with its runner, and so are the runner's folders.
import { existsSync, promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKeyring, type Keyring } from '../support/keyring'
import { startEmulator, type Emulator } from '../emulator'
import { dockerBridgeHost } from '../emulator/bridge-host'
import { buildRunnerImage } from '../runner-image/build'
import { buildStandinWithDockerCli } from '../support/docker-cli-image'
import { LABELS } from '../../main/engine/pool/runner-labels'
import { installationNetwork } from '../../common/container-limits'
import { removeInstallationVolumes } from '../support/installation-volumes'
import { ensureCliBuilt, killAllCli, runnerdock, runnerdockToEnd } from '../support/cli-process'

const TOKEN = `ghp_${'j'.repeat(36)}`
const JOB_OF = 'dev.runnerdock.job-of'
const docker = new Dockerode()

let keyring: Keyring
let emulator: Emulator
let base: string
let image: string
let configDir: string
let env: NodeJS.ProcessEnv

const installationId = async () =>
  (
    JSON.parse(await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8')) as {
      installationId: string
    }
  ).installationId
const ofInstallation = async (id: string) =>
  docker.listContainers({ all: true, filters: { label: [`${LABELS.installation}=${id}`] } })

beforeAll(async () => {
  await ensureCliBuilt()
  const host = await dockerBridgeHost()
  if (host === '127.0.0.1')
    throw new Error('Docker’s default bridge has no address on this machine')
  ;[keyring, emulator, base] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: 2000, host }),
    buildRunnerImage(),
  ])
  image = await buildStandinWithDockerCli(docker, base)
  configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'rd-jobs-'))
  env = {
    ...keyring.env,
    PATH: process.env.PATH,
    RUNNERDOCK_CONFIG_DIR: configDir,
    RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
  }
  const saved = await runnerdockToEnd(
    ['token', 'set', '--api-url', emulator.url],
    env,
    `${TOKEN}\n`,
  )
  expect(saved.code).toBe(0)
}, 180_000)

afterAll(async () => {
  killAllCli()
  const id = await installationId().catch(() => null)
  for (const c of id ? await ofInstallation(id) : [])
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => {})
  if (id)
    await docker
      .getNetwork(installationNetwork(id))
      .remove()
      .catch(() => {})
  // Each target's cache outlives the runners on purpose: the suite removes its own.
  if (id) await removeInstallationVolumes(id)
  await Promise.all([keyring?.stop(), emulator?.close()])
  if (configDir) await fsp.rm(configDir, { recursive: true, force: true })
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
        emulator.url,
        '--image',
        image,
        '--docker-access',
      ],
      env,
    )
    await up.waitFor(/Online, listening for jobs/, 60_000)
    const id = await installationId()
    const [runner] = (await ofInstallation(id)).map((c) => c.Labels[LABELS.runner]!)
    const folder = path.join(configDir, 'jobs', runner!)
    expect(existsSync(path.join(folder, 'work'))).toBe(true)

    const script = [
      'echo "from the workspace" > "$RUNNER_WORKSPACE/hello.txt"',
      `seen=$(/usr/bin/docker run --rm -v "$RUNNER_WORKSPACE:/ws" --entrypoint /bin/cat ${base} /ws/hello.txt)`,
      'echo "the container read: $seen"',
      'test "$seen" = "from the workspace"',
      `if /usr/bin/docker run --rm --privileged --entrypoint /bin/true ${base}; then echo "privileged ran"; exit 1; fi`,
      `/usr/bin/docker run -d --entrypoint /bin/sleep ${base} 600`,
    ].join('\n')
    const jobId = emulator.queueJob(
      { owner: 'acme', repo: 'dockerized' },
      { name: 'uses-docker', labels: ['self-hosted'], script },
    )
    await expect.poll(() => emulator.job(jobId)?.status, { timeout: 60_000 }).toBe('completed')
    expect(emulator.job(jobId)).toMatchObject({ result: 'Succeeded', runnerName: runner })

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
    expect(await ofInstallation(id)).toEqual([])
    expect(await fsp.readdir(path.join(configDir, 'jobs'))).toEqual([])
  }, 240_000)
})
