// When GitHub does not answer (a captive portal, a dead VPN): the built CLI says so within seconds
// at start, `up` and `serve` end within seconds of Ctrl-C / SIGTERM with no container left, the
// registrations GitHub could not delete are recorded, and the next start deletes them.
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { removeInstallationVolumes } from '../support/installation-volumes'
import { startKeyring, type Keyring } from '../support/keyring'
import { startEmulator, type Emulator } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import { LABELS, runnerNamePrefix } from '../../main/engine/pool/runner-labels'
import { PENDING_FILE_NAME } from '../../main/engine/cleanup/pending-registrations-file'
import {
  ensureCliBuilt,
  killAllCli,
  runnerdock,
  runnerdockToEnd,
  type CliProcess,
} from '../support/cli-process'

const TOKEN = `ghp_${'d'.repeat(36)}`
const SILENT = 10 * 60_000

let keyring: Keyring
let emulator: Emulator
let image: string
let configDir: string
let env: NodeJS.ProcessEnv

const installationId = async () =>
  (
    JSON.parse(await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8')) as {
      installationId: string
    }
  ).installationId
const containersOf = async (id: string) =>
  new Dockerode().listContainers({
    all: true,
    filters: { label: [`${LABELS.installation}=${id}`] },
  })
const registrationsOf = (id: string) =>
  emulator.runners().filter((r) => r.registered && r.name.startsWith(runnerNamePrefix(id)))
const pendingFile = async () =>
  JSON.parse(
    await fsp.readFile(path.join(configDir, PENDING_FILE_NAME), 'utf8').catch(() => '[]'),
  ) as { runnerId: number }[]

/** Signals a CLI and measures how long it takes to exit. */
async function stopWithin(
  cli: CliProcess,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; ms: number }> {
  const started = Date.now()
  cli.child.kill(signal)
  const code = await cli.exit
  return { code, ms: Date.now() - started }
}

const upArgs = () => [
  'up',
  '--target',
  'acme/off',
  '--runners',
  '2',
  '--api-url',
  emulator.url,
  '--image',
  image,
  '--network',
  'host',
]

beforeAll(async () => {
  await ensureCliBuilt()
  ;[keyring, emulator, image] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: 2000 }),
    buildRunnerImage(),
  ])
  configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-silent-'))
  env = {
    ...keyring.env,
    PATH: process.env.PATH,
    RUNNERDOCK_CONFIG_DIR: configDir,
    RUNNERDOCK_LIST_INTERVAL_MS: '2000',
    RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
  }
  const saved = await runnerdockToEnd(
    ['token', 'set', '--api-url', emulator.url],
    env,
    `${TOKEN}\n`,
  )
  expect(saved.code).toBe(0)
})

afterEach(() => emulator.setLatency(0))

afterAll(async () => {
  killAllCli()
  const id = await installationId().catch(() => null)
  if (id)
    for (const c of await containersOf(id))
      await new Dockerode()
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {})
  // Each target's cache outlives the runners on purpose: the suite removes its own.
  if (id) await removeInstallationVolumes(id)
  await Promise.all([keyring?.stop(), emulator?.close()])
  if (configDir) await fsp.rm(configDir, { recursive: true, force: true })
})

describe('a GitHub that does not answer', () => {
  it('is reported by up within 10 s of start, and Ctrl-C then ends it within seconds', async () => {
    emulator.setLatency(SILENT)
    const started = Date.now()
    const up = runnerdock(upArgs(), env)
    await up.waitFor(/Checking the token with http/, 5_000)
    await up.waitFor(/does not answer/, 10_000)
    console.log(`[figure] up: "does not answer" printed ${Date.now() - started} ms after start`)
    const stop = await stopWithin(up, 'SIGINT')
    console.log(`[figure] up: exited ${stop.ms} ms after Ctrl-C, GitHub silent, nothing made`)
    expect(stop.ms).toBeLessThan(10_000)
    // It could not check GitHub, so it does not claim a clean stop.
    expect(stop.code).toBe(3)
    expect(up.output()).not.toMatch(/Every runner container and registration .* removed/)
    expect(await containersOf(await installationId())).toEqual([])
  })

  it('with runners online: Ctrl-C ends within 10 s, nothing left in Docker; the next start deletes the registrations', async () => {
    const up = runnerdock(upArgs(), env)
    const id = await (async () => {
      await up.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 45_000)
      return installationId()
    })()
    expect(registrationsOf(id)).toHaveLength(2)
    emulator.setLatency(SILENT)
    const stop = await stopWithin(up, 'SIGINT')
    console.log(`[figure] up: exited ${stop.ms} ms after Ctrl-C with 2 runners, GitHub silent`)
    expect(stop.ms).toBeLessThan(10_000)
    expect(stop.code).toBe(3)
    expect(up.output()).toMatch(/2 runner registrations could not be deleted/)
    expect(up.output()).toMatch(/removed the next time RunnerDock starts/)
    expect(await containersOf(id)).toEqual([])
    const left = registrationsOf(id)
      .map((r) => r.id)
      .sort()
    expect(left).toHaveLength(2)
    expect((await pendingFile()).map((p) => p.runnerId).sort()).toEqual(left)

    emulator.setLatency(0)
    const next = runnerdock(upArgs(), env)
    await next.waitFor(/Deleted 2 runner registrations that an earlier stop could not/, 30_000)
    await expect
      .poll(() => registrationsOf(id).filter((r) => left.includes(r.id)).length, {
        timeout: 15_000,
      })
      .toBe(0)
    await next.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 45_000)
    const clean = await stopWithin(next, 'SIGINT')
    expect(clean.code).toBe(0)
    expect(next.output()).toMatch(
      /Every runner container and registration this pool made has been removed/,
    )
    expect(await containersOf(id)).toEqual([])
    expect(registrationsOf(id)).toEqual([])
    expect(await pendingFile()).toEqual([])
  })

  it('serve: SIGTERM with runners online and GitHub silent ends within 10 s, containers removed', async () => {
    const id = await installationId()
    const file = path.join(configDir, 'settings.json')
    const settings = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>
    await fsp.writeFile(
      file,
      JSON.stringify({
        ...settings,
        apiUrl: emulator.url,
        targets: [{ kind: 'repo', owner: 'acme', repo: 'served' }],
        desiredRunners: 2,
        image,
        networkMode: 'host',
        runOnLaunch: true,
      }),
    )
    const serve = runnerdock(['serve', '--port', '0'], env)
    await serve.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 45_000)
    emulator.setLatency(SILENT)
    const stop = await stopWithin(serve, 'SIGTERM')
    console.log(`[figure] serve: exited ${stop.ms} ms after SIGTERM with 2 runners, GitHub silent`)
    expect(stop.ms).toBeLessThan(10_000)
    expect(stop.code).toBe(3)
    expect(await containersOf(id)).toEqual([])
  })
})
