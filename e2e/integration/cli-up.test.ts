// The built `runnerdock` command end to end: token set/status/clear against gnome-keyring, `up`
// against the real Docker engine and the emulator, a SIGKILL mid-scale, recovery, and Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, promises as fsp } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKeyring, type Keyring } from '../support/keyring'
import { startEmulator, type Emulator } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import { LABELS, runnerNamePrefix } from '../../main/engine/pool/runner-labels'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/runnerdock.js')
const TOKEN = `ghp_${'c'.repeat(36)}`

let keyring: Keyring
let emulator: Emulator
let image: string
let configDir: string
let env: NodeJS.ProcessEnv
const children = new Set<ChildProcess>()

/** A running CLI process whose output a test can wait on. */
interface Cli {
  readonly child: ChildProcess
  readonly output: () => string
  readonly exit: Promise<number | null>
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
}

function cli(args: string[], stdin?: string): Cli {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  children.add(child)
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  if (stdin !== undefined) child.stdin!.end(stdin)
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child)
      resolve(code)
    }),
  )
  return {
    child,
    exit,
    output: () => output,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now()
        const tick = setInterval(() => {
          if (pattern.test(output)) return (clearInterval(tick), resolve())
          if (Date.now() - started > timeoutMs || child.exitCode !== null) {
            clearInterval(tick)
            reject(new Error(`Waited for ${pattern} in:\n${output}`))
          }
        }, 50)
      }),
  }
}

async function run(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; output: string }> {
  const c = cli(args, stdin)
  const code = await c.exit
  return { code, output: c.output() }
}

async function installationId(): Promise<string> {
  const file = JSON.parse(await fsp.readFile(path.join(configDir, 'settings.json'), 'utf8')) as {
    installationId: string
  }
  return file.installationId
}

const containersOf = async (id: string) =>
  new Dockerode().listContainers({
    all: true,
    filters: { label: [`${LABELS.installation}=${id}`] },
  })
const registrationsOf = (id: string) =>
  emulator.runners().filter((r) => r.registered && r.name.startsWith(runnerNamePrefix(id)))

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'out/cli/runnerdock.cjs'))) {
    const built = spawn(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    })
    await new Promise((resolve) => built.once('exit', resolve))
  }
  ;[keyring, emulator, image] = await Promise.all([
    startKeyring(),
    startEmulator({ runnerOfflineAfterMs: 2000 }),
    buildRunnerImage(),
  ])
  configDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'runnerdock-cli-'))
  env = {
    ...keyring.env,
    PATH: process.env.PATH,
    RUNNERDOCK_CONFIG_DIR: configDir,
    RUNNERDOCK_LIST_INTERVAL_MS: '2000',
    RUNNERDOCK_ONLINE_TIMEOUT_MS: '30000',
  }
})

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  const id = await installationId().catch(() => null)
  if (id)
    for (const c of await containersOf(id))
      await new Dockerode()
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {})
  await Promise.all([keyring?.stop(), emulator?.close()])
  if (configDir) await fsp.rm(configDir, { recursive: true, force: true })
})

describe('runnerdock (built CLI)', () => {
  it('saves a token read from stdin to the keychain, reports it, and refuses bad input', async () => {
    const api = ['--api-url', emulator.url]
    const bad = await run(['token', 'set', ...api], 'has spaces in it\n')
    expect(bad.code).not.toBe(0)
    expect(bad.output).toMatch(/spaces/)
    const set = await run(['token', 'set', ...api], `${TOKEN}\n`)
    expect(set.output).toMatch(/Saved the token of/)
    expect(set.code).toBe(0)
    const status = await run(['token', 'status', ...api])
    expect(status.code).toBe(0)
    expect(status.output).toMatch(/keychain/)
    expect(`${set.output}${status.output}`).not.toContain(TOKEN)
    const flag = await run(['up', '--target', 'acme/widgets', '--runners', 'many', ...api])
    expect(flag.code).not.toBe(0)
    expect(flag.output.trim().split('\n')).toHaveLength(1)
  })

  it('up: SIGKILL mid-scale leaves nothing orphaned after a restart, and Ctrl-C drains to nothing', async () => {
    const args = [
      'up',
      '--target',
      'acme/widgets',
      '--runners',
      '3',
      '--api-url',
      emulator.url,
      '--image',
      image,
      '--network',
      'host',
    ]
    const first = cli(args)
    // Mid-scale: the first registration exists, not every runner is online yet.
    await expect
      .poll(async () => registrationsOf(await installationId().catch(() => 'none')).length, {
        timeout: 30_000,
        interval: 5,
      })
      .toBeGreaterThan(0)
    first.child.kill('SIGKILL')
    await first.exit
    const id = await installationId()
    const leftContainers = (await containersOf(id)).length
    const leftRegistrations = registrationsOf(id).length
    console.log(
      `[figure] after SIGKILL: ${leftContainers} container(s), ${leftRegistrations} registration(s) left`,
    )
    expect(leftContainers + leftRegistrations).toBeGreaterThan(0)

    const startedAt = Date.now()
    const second = cli(args)
    await expect
      .poll(() => registrationsOf(id).filter((r) => r.status === 'online').length, {
        timeout: 45_000,
        interval: 100,
      })
      .toBe(3)
    console.log(
      `[figure] runnerdock up: 3 runners online ${Date.now() - startedAt} ms after start (incl. recovery)`,
    )
    await expect.poll(async () => (await containersOf(id)).length, { timeout: 15_000 }).toBe(3)
    expect(registrationsOf(id)).toHaveLength(3)
    const running = await containersOf(id)
    expect(running.every((c) => c.State === 'running')).toBe(true)
    expect(new Set(running.map((c) => c.Labels[LABELS.runner]))).toEqual(
      new Set(registrationsOf(id).map((r) => r.name)),
    )

    second.child.kill('SIGINT')
    expect(await second.exit).toBe(0)
    expect(second.output()).toMatch(/Stopped/)
    expect(second.output()).not.toContain(TOKEN)
    expect(await containersOf(id)).toEqual([])
    expect(registrationsOf(id)).toEqual([])
  })

  it('token clear removes it from the keychain', async () => {
    const cleared = await run(['token', 'clear', '--api-url', emulator.url])
    expect(cleared.code).toBe(0)
    const status = await run(['token', 'status', '--api-url', emulator.url])
    expect(status.output).toMatch(/No GitHub token|no token|none/i)
  })
})
