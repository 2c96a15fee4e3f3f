// The built `runnerdock` command end to end: token set/status/clear against gnome-keyring, `up`
// against the real Docker engine and the emulator, a SIGKILL mid-scale, recovery, and Ctrl-C.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../emulator'
import { LABELS } from '../../main/engine/pool/runner-labels'
import { runnerdock, runnerdockToEnd } from '../support/cli-process'
import { startCliBed, type CliBed } from '../support/cli-bed'

const TOKEN = `ghp_${'c'.repeat(36)}`

let bed: CliBed
let emulator: Emulator

const cli = (args: string[], stdin?: string) => runnerdock(args, bed.env, stdin)
const run = (args: string[], stdin?: string) => runnerdockToEnd(args, bed.env, stdin)
const installationId = () => bed.installationId()
const containersOf = (id: string) => bed.containersOf(id)
const registrationsOf = (id: string) => bed.registrationsOf(id)

beforeAll(async () => {
  bed = await startCliBed({ name: 'cli', env: { RUNNERDOCK_LIST_INTERVAL_MS: '2000' } })
  ;({ emulator } = bed)
}, 120_000)

afterAll(async () => {
  await bed?.close()
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
    const args = ['up', '--target', 'acme/widgets', '--runners', '3', ...bed.upFlags]
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
