// Safe by default, on the real Docker engine with the built CLI: runners run on this installation's
// own network with traffic between containers off, with memory (no swap past it), process and log
// limits; a job sees those limits from inside and cannot reach another container on the network.
// And a crash of the process itself removes its runners before it exits (code 70).
import net, { type AddressInfo } from 'node:net'
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dockerBridgeHost } from '../emulator/bridge-host'
import { LABELS } from '../../main/engine/pool/runner-labels'
import { installationNetwork } from '../../common/container-limits'
import { CRASH_EXIT_CODE } from '../../main/services/crash-guard'
import { runnerdock } from '../support/cli-process'
import { startCliBed, type CliBed } from '../support/cli-bed'

const docker = new Dockerode()

let bed: CliBed
let crashPreload: string
const helpers: string[] = []

const upArgs = (target: string) => [
  'up',
  '--target',
  target,
  '--runners',
  '2',
  '--api-url',
  bed.emulator.url,
  '--image',
  bed.image,
]
const twoOnline = /Online, listening for jobs[\s\S]*Online, listening for jobs/

beforeAll(async () => {
  // Runners are not on the host network here: the emulator listens on Docker's bridge address,
  // an address of this machine both the CLI and containers on any bridge network reach.
  const host = await dockerBridgeHost()
  if (host === '127.0.0.1')
    throw new Error('Docker’s default bridge has no address on this machine')
  bed = await startCliBed({ name: 'bounds', token: `ghp_${'b'.repeat(36)}`, emulator: { host } })
  // A real uncaught exception in the real process, raised on demand (SIGUSR2).
  crashPreload = path.join(bed.configDir, 'crash-on-usr2.cjs')
  await fsp.writeFile(
    crashPreload,
    "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('injected crash') }))\n",
  )
}, 120_000)

afterAll(async () => {
  for (const name of helpers)
    await docker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => {})
  await bed?.close()
})

describe('runner containers are bounded', () => {
  it('join their own network (no traffic between containers) with memory, process and log limits a job can see', async () => {
    const up = runnerdock(upArgs('acme/bounded'), bed.env)
    await up.waitFor(twoOnline, 60_000)
    const id = await bed.installationId()
    const network = installationNetwork(id)

    const info = await docker.getNetwork(network).inspect()
    expect(info.Options?.['com.docker.network.bridge.enable_icc']).toBe('false')
    expect(info.Labels?.[LABELS.installation]).toBe(id)
    for (const c of await bed.containersOf(id)) {
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
      // No host path but the runner's own diagnostics folder (its jobs' step output): the
      // target's cache (read-only) and the runner's own tool cache are volumes (docs/caches.md).
      const runner = c.Labels[LABELS.runner]!
      expect(HostConfig.Binds ?? []).toEqual([
        `${path.join(bed.configDir, 'jobs', runner, '_diag')}:/home/runner/_diag`,
        expect.stringMatching(/^runnerdock-tools-rd-[a-z0-9]+-[0-9a-f]+:\/opt\/hostedtoolcache$/),
        expect.stringMatching(
          /^runnerdock-cache-[a-z0-9]+-[0-9a-f]+-[0-9a-z]+:\/opt\/runnerdock\/cache:ro$/,
        ),
      ])
    }

    // A server on the runners' network: this machine reaches it, a job must not.
    const helperName = `runnerdock-bounds-helper-${process.pid}`
    helpers.push(helperName)
    const helper = await docker.createContainer({
      name: helperName,
      Image: bed.image,
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

    // A port of this machine bound to loopback, as RunnerDock's own are (serve, metrics): a job
    // must not reach it through the address it reaches the emulator on.
    const own = net.createServer((socket) => socket.end('HTTP/1.0 200 OK\r\n\r\nours'))
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve))
    const ownPort = (own.address() as AddressInfo).port
    const hostAddress = new URL(bed.emulator.url).hostname
    const script = [
      'pids=$(cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max)',
      'echo "pids.max=$pids"',
      'test "$pids" = 4096',
      `if timeout 4 wget -q -Y off -O /dev/null http://${address}:8080/; then echo "reached a neighbour"; exit 1; fi`,
      'echo "neighbour unreachable"',
      `if timeout 4 wget -q -Y off -O /dev/null http://${hostAddress}:${ownPort}/; then echo "reached a loopback port"; exit 1; fi`,
      // The same address serves the API this runner talks to: only the loopback binding stops it.
      'echo "loopback ports unreachable"',
    ].join('\n')
    const jobId = bed.emulator.queueJob(
      { owner: 'acme', repo: 'bounded' },
      { name: 'bounds', labels: ['self-hosted'], script },
    )
    await expect.poll(() => bed.emulator.job(jobId)?.status, { timeout: 45_000 }).toBe('completed')
    expect(bed.emulator.job(jobId)).toMatchObject({ result: 'Succeeded' })
    own.close()

    up.child.kill('SIGINT')
    expect(await up.exit).toBe(0)
    expect(await bed.containersOf(id)).toEqual([])
  }, 150_000)

  it('a crash of the process itself removes its runners and registrations, then exits 70', async () => {
    const up = runnerdock(upArgs('acme/crashing'), {
      ...bed.env,
      NODE_OPTIONS: `--require ${crashPreload}`,
    })
    await up.waitFor(twoOnline, 60_000)
    const id = await bed.installationId()
    expect(await bed.containersOf(id)).toHaveLength(2)
    expect(bed.registrationsOf(id)).toHaveLength(2)
    const started = Date.now()
    up.child.kill('SIGUSR2')
    const code = await up.exit
    console.log(`[figure] crash -> exit after cleanup: ${Date.now() - started} ms`)
    expect(code).toBe(CRASH_EXIT_CODE)
    expect(up.output()).toMatch(
      /unexpected error, removing runners before exiting: Error: injected crash/,
    )
    expect(up.output()).toMatch(/cleaned up; exiting/)
    expect(await bed.containersOf(id)).toEqual([])
    expect(bed.registrationsOf(id)).toEqual([])
  }, 120_000)
})
