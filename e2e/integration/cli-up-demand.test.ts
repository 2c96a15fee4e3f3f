// `runnerdock up --on-demand` with two targets, as a new user runs it against the emulator: a token
// saved from stdin, jobs already waiting on both repositories, runners made for them on the right
// repository, the status line showing what waits, back to nothing, and Ctrl-C leaves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runnerNamePrefix } from '../../main/engine/pool/runner-labels'
import { startCliBed, type CliBed } from '../support/cli-bed'
import { runnerdock } from '../support/cli-process'

const TOKEN = `ghp_${'e'.repeat(36)}`
const A = { owner: 'acme', repo: 'api' }
const B = { owner: 'acme', repo: 'web' }
const LINUX = ['self-hosted', 'linux', 'x64']

let bed: CliBed

beforeAll(async () => {
  // The token is saved as a user saves it: `runnerdock token set`, read from stdin.
  bed = await startCliBed({
    name: 'demand',
    token: TOKEN,
    env: { RUNNERDOCK_LIST_INTERVAL_MS: '2000' },
  })
}, 120_000)

afterAll(async () => {
  await bed?.close()
})

describe('runnerdock up --on-demand (built CLI)', () => {
  it('serves the jobs queued on two repositories, returns to no runner, and Ctrl-C leaves nothing', async () => {
    const { emulator } = bed
    // Jobs already wait when the user starts RunnerDock.
    const waiting = [
      emulator.queueJob(A, { name: 'test', labels: LINUX, script: 'echo api; sleep 3' }),
      emulator.queueJob(B, { name: 'test', labels: LINUX, script: 'echo web; sleep 3' }),
    ]
    const started = Date.now()
    const up = runnerdock(
      [
        'up',
        '--target',
        `${A.owner}/${A.repo}`,
        '--target',
        `${B.owner}/${B.repo}`,
        '--on-demand',
        ...bed.upFlags,
      ],
      bed.env,
    )
    await up.waitFor(/jobs waiting: acme\/api 1, acme\/web 1/, 30_000)
    await expect
      .poll(() => waiting.map((id) => emulator.job(id)?.status), { timeout: 45_000 })
      .toEqual(['completed', 'completed'])
    console.log(
      `[figure] up --on-demand: 2 waiting jobs on 2 repositories done ${Date.now() - started} ms after start`,
    )
    for (const id of waiting) {
      const job = emulator.job(id)!
      expect(job.result).toBe('Succeeded')
      const runner = emulator.runners().find((r) => r.name === job.runnerName)!
      expect(runner.scope).toMatchObject({ owner: job.owner, repo: job.repo })
      expect(runner.labels).toEqual(expect.arrayContaining(['self-hosted', 'Linux', 'X64']))
    }
    // One more on a repository with recent work: read within seconds, served, then nothing left.
    const later = emulator.queueJob(A, { name: 'lint', labels: LINUX, script: 'echo lint' })
    await expect.poll(() => emulator.job(later)?.status, { timeout: 30_000 }).toBe('completed')
    const id = await bed.installationId()
    await expect.poll(async () => (await bed.containersOf(id)).length, { timeout: 20_000 }).toBe(0)
    expect(bed.registrationsOf(id)).toEqual([])
    const made = emulator.runners().filter((r) => r.name.startsWith(runnerNamePrefix(id)))
    expect(made).toHaveLength(3) // one runner per job, none to spare
    expect(up.output()).toMatch(/on demand \(max \d+\): 0 online, 0 busy, 0 idle, 0 starting/)

    up.child.kill('SIGINT')
    expect(await up.exit).toBe(0)
    expect(up.output()).toMatch(
      /Every runner container and registration this pool made has been removed/,
    )
    expect(up.output()).not.toContain(TOKEN)
    expect(await bed.containersOf(id)).toEqual([])
  })
})
