// When GitHub does not answer (a captive portal, a dead VPN): the built CLI says so within seconds
// at start, `up` and `serve` end within seconds of Ctrl-C / SIGTERM with no container left, the
// registrations GitHub could not delete are recorded, and the next start deletes them.
import { promises as fsp } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PENDING_FILE_NAME } from '../../main/engine/cleanup/pending-registrations-file'
import { runnerdock, type CliProcess } from '../support/cli-process'
import { startCliBed, type CliBed } from '../support/cli-bed'

const SILENT = 10 * 60_000

let bed: CliBed
const pendingFile = async () =>
  JSON.parse(
    await fsp.readFile(path.join(bed.configDir, PENDING_FILE_NAME), 'utf8').catch(() => '[]'),
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

const upArgs = () => ['up', '--target', 'acme/off', '--runners', '2', ...bed.upFlags]

beforeAll(async () => {
  bed = await startCliBed({
    name: 'silent',
    token: `ghp_${'d'.repeat(36)}`,
    env: { RUNNERDOCK_LIST_INTERVAL_MS: '2000' },
  })
}, 120_000)

afterEach(() => bed.emulator.setLatency(0))

afterAll(async () => {
  await bed?.close()
})

describe('a GitHub that does not answer', () => {
  it('is reported by up within 10 s of start, and Ctrl-C then ends it within seconds', async () => {
    bed.emulator.setLatency(SILENT)
    const started = Date.now()
    const up = runnerdock(upArgs(), bed.env)
    await up.waitFor(/Checking the token with http/, 5_000)
    await up.waitFor(/does not answer/, 10_000)
    console.log(`[figure] up: "does not answer" printed ${Date.now() - started} ms after start`)
    const stop = await stopWithin(up, 'SIGINT')
    console.log(`[figure] up: exited ${stop.ms} ms after Ctrl-C, GitHub silent, nothing made`)
    expect(stop.ms).toBeLessThan(10_000)
    // It could not check GitHub, so it does not claim a clean stop.
    expect(stop.code).toBe(3)
    expect(up.output()).not.toMatch(/Every runner container and registration .* removed/)
    expect(await bed.containersOf(await bed.installationId())).toEqual([])
  })

  it('with runners online: Ctrl-C ends within 10 s, nothing left in Docker; the next start deletes the registrations', async () => {
    const up = runnerdock(upArgs(), bed.env)
    const id = await (async () => {
      await up.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 45_000)
      return bed.installationId()
    })()
    expect(bed.registrationsOf(id)).toHaveLength(2)
    bed.emulator.setLatency(SILENT)
    const stop = await stopWithin(up, 'SIGINT')
    console.log(`[figure] up: exited ${stop.ms} ms after Ctrl-C with 2 runners, GitHub silent`)
    expect(stop.ms).toBeLessThan(10_000)
    expect(stop.code).toBe(3)
    expect(up.output()).toMatch(/2 runner registrations could not be deleted/)
    expect(up.output()).toMatch(/removed the next time RunnerDock starts/)
    expect(await bed.containersOf(id)).toEqual([])
    const left = bed
      .registrationsOf(id)
      .map((r) => r.id)
      .sort()
    expect(left).toHaveLength(2)
    expect((await pendingFile()).map((p) => p.runnerId).sort()).toEqual(left)

    bed.emulator.setLatency(0)
    const next = runnerdock(upArgs(), bed.env)
    await next.waitFor(/Deleted 2 runner registrations that an earlier stop could not/, 30_000)
    await expect
      .poll(() => bed.registrationsOf(id).filter((r) => left.includes(r.id)).length, {
        timeout: 15_000,
      })
      .toBe(0)
    await next.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 45_000)
    const clean = await stopWithin(next, 'SIGINT')
    expect(clean.code).toBe(0)
    expect(next.output()).toMatch(
      /Every runner container and registration this pool made has been removed/,
    )
    expect(await bed.containersOf(id)).toEqual([])
    expect(bed.registrationsOf(id)).toEqual([])
    expect(await pendingFile()).toEqual([])
  })

  it('serve: SIGTERM with runners online and GitHub silent ends within 10 s, containers removed', async () => {
    const id = await bed.installationId()
    const file = path.join(bed.configDir, 'settings.json')
    const settings = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>
    await fsp.writeFile(
      file,
      JSON.stringify({
        ...settings,
        apiUrl: bed.emulator.url,
        targets: [{ kind: 'repo', owner: 'acme', repo: 'served' }],
        desiredRunners: 2,
        image: bed.image,
        networkMode: 'host',
        runOnLaunch: true,
      }),
    )
    const serve = runnerdock(['serve', '--port', '0'], bed.env)
    await serve.waitFor(/Online, listening for jobs[\s\S]*Online, listening for jobs/, 45_000)
    bed.emulator.setLatency(SILENT)
    const stop = await stopWithin(serve, 'SIGTERM')
    console.log(`[figure] serve: exited ${stop.ms} ms after SIGTERM with 2 runners, GitHub silent`)
    expect(stop.ms).toBeLessThan(10_000)
    expect(stop.code).toBe(3)
    expect(await bed.containersOf(id)).toEqual([])
  })
})
