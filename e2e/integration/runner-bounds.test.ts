// Safe by default, on the real Docker engine with the built CLI: runners run on this installation's
// own network with traffic between containers off, with memory (no swap past it), process and log
// limits; a job sees those limits from inside and cannot reach another container on the network.
// And a crash of the process itself removes its runners before it exits (code 70).
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKeyring, type Keyring } from '../support/keyring'
import { startEmulator, type Emulator } from '../emulator'
import { dockerBridgeHost } from '../emulator/bridge-host'
import { buildRunnerImage } from '../runner-image/build'
import { LABELS, runnerNamePrefix } from '../../main/engine/pool/runner-labels'
import { installationNetwork } from '../../common/container-limits'
import { CRASH_EXIT_CODE } from '../../main/services/crash-guard'
import { ensureCliBuilt, killAllCli, runnerdock, runnerdockToEnd } from '../support/cli-process'

const TOKEN = `ghp_${'b'.repeat(36)}`
const docker = new Dockerode()

let keyring: Keyring
let emulator: Emulator
let image: string
let configDir: string
let crashPreload: string
let env: NodeJS.ProcessEnv
const helpers: string[] = []

const installationId = async () =>
  (
    JSON.parse(await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8')) as {
      installationId: string
    }
  ).installationId
const containersOf = async (id: string) =>
  docker.listContainers({ all: true, filters: { label: [`${LABELS.installation}=${id}`] } })
const registrationsOf = (id: string) =>
  emulator.runners().filter((r) => r.registered && r.name.startsWith(runnerNamePrefix(id)))
const upArgs = (target: string) => [
  'up',
  '--target',
  target,
  '--runners',
  '2',
  '--api-url',
  emulator.url,
  '--image',
  image,
]
const twoOnline = /Online, listening for jobs[\s\S]*Online, listening for jobs/

beforeAll(async () => {
  await ensureCliBuilt()
  // Runners are not on the host network here: the emulator listens on Docker's bridge address,
  // an address of this machine both the CLI and containers on any bridge network reach.
  const host = await dockerBridgeHost()
  if (host === '127.0.0.1')
    throw new Error('Docker’s default bridge has no address on this machine')
  ;[keyring, emulator, image] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: 2000, host }),
    buildRunnerImage(),
  ])
  configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-bounds-'))
  // A real uncaught exception in the real process, raised on demand (SIGUSR2).
  crashPreload = path.join(configDir, 'crash-on-usr2.cjs')
  await fsp.writeFile(
    crashPreload,
    "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('injected crash') }))\n",
  )
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
}, 120_000)

afterAll(async () => {
  killAllCli()
  const id = await installationId().catch(() => null)
  for (const c of id ? await containersOf(id) : [])
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => {})
  for (const name of helpers)
    await docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => {})
  if (id)
    await docker
      .getNetwork(installationNetwork(id))
      .remove()
      .catch(() => {})
  await Promise.all([keyring?.stop(), emulator?.close()])
  if (configDir) await fsp.rm(configDir, { recursive: true, force: true })
})

describe('runner containers are bounded', () => {
  it('join their own network (no traffic between containers) with memory, process and log limits a job can see', async () => {
    const up = runnerdock(upArgs('acme/bounded'), env)
    await up.waitFor(twoOnline, 60_000)
    const id = await installationId()
    const network = installationNetwork(id)

    const info = await docker.getNetwork(network).inspect()
    expect(info.Options?.['com.docker.network.bridge.enable_icc']).toBe('false')
    expect(info.Labels?.[LABELS.installation]).toBe(id)
    for (const c of await containersOf(id)) {
      const { HostConfig } = await docker.getContainer(c.Id).inspect()
      expect(HostConfig.NetworkMode).toBe(network)
      expect(HostConfig.Memory).toBeGreaterThan(0)
      expect(HostConfig.MemorySwap).toBe(HostConfig.Memory)
      expect(HostConfig.NanoCpus).toBeGreaterThan(0)
      expect(HostConfig.PidsLimit).toBe(4096)
      expect(HostConfig.LogConfig).toEqual({
        Type: 'json-file',
        Config: { 'max-size': '10m', 'max-file': '3' },
      })
      // No host folder but the runner's own diagnostics (its jobs' step output), no socket.
      const runner = c.Labels[LABELS.runner]!
      expect(HostConfig.Binds ?? []).toEqual([
        `${path.join(configDir, 'jobs', runner, '_diag')}:/home/runner/_diag`,
      ])
    }

    // A server on the runners' network: this machine reaches it, a job must not.
    const helperName = `runnerdock-bounds-helper-${process.pid}`
    helpers.push(helperName)
    const helper = await docker.createContainer({
      name: helperName,
      Image: image,
      Entrypoint: ['/bin/busybox'],
      Cmd: ['httpd', '-f', '-p', '8080', '-h', '/'],
      User: '0',
      HostConfig: { NetworkMode: network },
    })
    await helper.start()
    const address = (await helper.inspect()).NetworkSettings.Networks[network]!.IPAddress
    await expect
      .poll(
        () =>
          fetch(`http://${address}:8080/`, { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 10_000 },
      )
      .toBe(404)

    const script = [
      'pids=$(cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max)',
      'echo "pids.max=$pids"',
      'test "$pids" = 4096',
      `if timeout 4 wget -q -Y off -O /dev/null http://${address}:8080/; then echo "reached a neighbour"; exit 1; fi`,
      'echo "neighbour unreachable"',
    ].join('\n')
    const jobId = emulator.queueJob(
      { owner: 'acme', repo: 'bounded' },
      { name: 'bounds', labels: ['self-hosted'], script },
    )
    await expect.poll(() => emulator.job(jobId)?.status, { timeout: 45_000 }).toBe('completed')
    expect(emulator.job(jobId)).toMatchObject({ result: 'Succeeded' })

    up.child.kill('SIGINT')
    expect(await up.exit).toBe(0)
    expect(await containersOf(id)).toEqual([])
  }, 150_000)

  it('a crash of the process itself removes its runners and registrations, then exits 70', async () => {
    const up = runnerdock(upArgs('acme/crashing'), {
      ...env,
      NODE_OPTIONS: `--require ${crashPreload}`,
    })
    await up.waitFor(twoOnline, 60_000)
    const id = await installationId()
    expect(await containersOf(id)).toHaveLength(2)
    expect(registrationsOf(id)).toHaveLength(2)
    const started = Date.now()
    up.child.kill('SIGUSR2')
    const code = await up.exit
    console.log(`[figure] crash -> exit after cleanup: ${Date.now() - started} ms`)
    expect(code).toBe(CRASH_EXIT_CODE)
    expect(up.output()).toMatch(
      /unexpected error, removing runners before exiting: Error: injected crash/,
    )
    expect(up.output()).toMatch(/cleaned up; exiting/)
    expect(await containersOf(id)).toEqual([])
    expect(registrationsOf(id)).toEqual([])
  }, 120_000)
})
