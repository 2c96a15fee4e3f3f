// On demand at its limits, on the real Docker engine with the emulator (issue 8, "Done when"): the
// machine-wide maximum caps the pool and shares it oldest job first over three repositories, and a
// repository GitHub refuses (404, 403) is held alone while the others are served.
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatTarget, type Target } from '../../common/target'
import type { PoolGoal } from '../../main/engine/pool/pool-config'
import { startEmulator, type Emulator, type JobView } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import { createTestPool, registeredRunners, removeAll, type PoolUnderTest } from './pool-harness'
import { recordPool, type PoolRecord } from './pool-recorder'

const LINUX = ['self-hosted', 'linux', 'x64']
const TIMING = { demandActiveMs: 500, demandQuietMs: 2_000 }
const JIT_ROUTE = 'POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig'

let emulator: Emulator
let image: string
let current: PoolUnderTest | null = null
let record: PoolRecord | null = null

beforeAll(async () => {
  image = await buildRunnerImage()
  emulator = await startEmulator({ runnerOfflineAfterMs: 2000 })
})

beforeEach(() => emulator.reset())

afterEach(async () => {
  record?.stop()
  record = null
  if (!current) return
  const t = current
  current = null
  // Stopped first, so a creation still under way (a test failed mid-burst) cannot outlive the sweep.
  await Promise.race([t.pool.stop('now'), new Promise((resolve) => setTimeout(resolve, 20_000))])
  t.pool.dispose()
  await removeAll(t.installationId)
})

afterAll(() => emulator?.close())

type Repo = Target & { kind: 'repo' }

function repos(): [Repo, Repo, Repo] {
  const id = randomBytes(3).toString('hex')
  const repo = (name: string): Repo => ({ kind: 'repo', owner: 'octo', repo: `${name}-${id}` })
  return [repo('a'), repo('b'), repo('c')]
}

function demand(targets: readonly Target[], max: number): PoolGoal {
  return {
    targets: targets.map((target) => ({ target, source: { kind: 'chosen' } })),
    mode: { kind: 'on-demand', minIdle: 0, idleTimeoutMs: 6_000 },
    max,
    allowPublic: [],
  }
}

async function startPool(goal: PoolGoal): Promise<PoolUnderTest> {
  const t = (current = await createTestPool({ apiUrl: emulator.url, image, config: TIMING }))
  record = recordPool(t.pool)
  await t.startGoal(goal)
  return t
}

const pickupMs = (job: JobView) => Date.parse(job.startedAt!) - Date.parse(job.createdAt)

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('on demand at its limits (real Docker, emulator)', () => {
  it('caps at the maximum and shares it oldest job first over three repositories', async () => {
    const targets = repos()
    const [a, b, c] = targets
    const t = await startPool(demand(targets, 4))
    await t.until((s) => s.targets.length === 3 && s.labels.length > 0, 20_000, 'three targets')
    let mostRegistered = 0
    const sampler = setInterval(() => {
      mostRegistered = Math.max(
        mostRegistered,
        registeredRunners(emulator, t.installationId).length,
      )
    }, 50)
    const ids: number[] = []
    const queue = (target: Repo, name: string, seconds: number) =>
      emulator.queueJob(target, {
        name,
        labels: LINUX,
        script: `echo working; sleep ${seconds}`,
      })
    try {
      // Four long jobs on A take the whole maximum.
      const blockers = [1, 2, 3, 4].map((i) => queue(a, `blocker ${i}`, 8))
      await t.until(
        (s) => s.runners.filter((r) => r.phase === 'busy').length === 4,
        30_000,
        'the maximum busy',
      )
      // Seven more while capped, oldest first: A B C A | B C A.
      for (const [i, target] of [a, b, c, a, b, c, a].entries()) {
        ids.push(queue(target, `job ${i + 1}`, 4))
        await new Promise((resolve) => setTimeout(resolve, 5)) // distinct queue times
      }
      const capped = await t.until(
        (s) => s.targets.map((x) => x.queued).join() === '3,2,2',
        10_000,
        'every queue read while capped',
      )
      expect(capped.runners).toHaveLength(4)
      expect(record!.made.size).toBe(4)
      await until(
        () => blockers.every((id) => emulator.job(id)?.status === 'completed'),
        30_000,
        'the long jobs done',
      )
      // The four freed places go to the four oldest jobs: two on A, one each on B and C.
      await until(() => record!.made.size >= 8, 30_000, 'four more runners')
      const firstWave = [...record!.made.values()].slice(4, 8).sort()
      expect(firstWave).toEqual([a, a, b, c].map(formatTarget).sort())
      await until(
        () => ids.every((id) => emulator.job(id)?.status === 'completed'),
        60_000,
        'every job done',
      )
    } finally {
      clearInterval(sampler)
    }
    const jobs = ids.map((id) => emulator.job(id)!)
    for (const job of jobs) {
      expect(job.result).toBe('Succeeded')
      const runner = emulator.runners().find((r) => r.name === job.runnerName)!
      expect(runner.scope).toMatchObject({ owner: job.owner, repo: job.repo })
    }
    // The three that waited longest went one to each target, and never past the maximum.
    expect([...record!.made.values()].slice(8).sort()).toEqual([a, b, c].map(formatTarget).sort())
    expect(record!.made.size).toBe(11)
    expect(record!.maxLive()).toBeLessThanOrEqual(4)
    expect(mostRegistered).toBeLessThanOrEqual(4)
    console.log(
      `[figure] max 4, 4 jobs of 8 s then 7 of 4 s over 3 repositories: at most ${record!.maxLive()} runners (${mostRegistered} registrations) at once; pickups of the 7: ${jobs.map(pickupMs).join(', ')} ms`,
    )
  })

  it('holds a repository GitHub answers 404 and one it answers 403, and serves the third', async () => {
    const [a, b, c] = repos()
    emulator.setAccount({ anyRepositoryExists: false })
    emulator.setRepo({ owner: a.owner, repo: a.repo })
    // B does not exist (404 everywhere); on C the user may push but not administer runners (403).
    emulator.setRepo({ owner: c.owner, repo: c.repo, permission: 'push' })
    const t = await startPool(demand([a, b, c], 12))
    await t.until((s) => s.labels.length > 0, 20_000, 'labels known')
    const cJob = emulator.queueJob(c, { name: 'refused', labels: LINUX, script: 'echo never' })
    const started = Date.now()
    const ids: number[] = []
    for (let i = 0; i < 3; i++) {
      ids.push(emulator.queueJob(a, { name: `a ${i + 1}`, labels: LINUX, script: 'echo ok' }))
      await until(
        () => emulator.job(ids.at(-1)!)?.status === 'completed',
        20_000,
        `A's job ${i + 1} served while B and C fail`,
      )
    }
    const pickups = ids.map((id) => pickupMs(emulator.job(id)!))
    console.log(
      `[figure] with a 404 and a 403 repository beside it, A's 3 jobs were picked up after ${pickups.join(', ')} ms`,
    )
    for (const ms of pickups) expect(ms).toBeLessThan(10_000)

    const held = await t.until(
      (s) => {
        const of = (x: Repo) => s.targets.find((y) => formatTarget(y.target) === formatTarget(x))
        return of(b)?.blocked != null && of(c)?.blocked != null && of(a)?.blocked === null
      },
      20_000,
      'B and C held, A not',
    )
    const of = (x: Repo) => held.targets.find((y) => formatTarget(y.target) === formatTarget(x))!
    expect(of(b).blocked?.reason).toBe('target')
    expect(of(c).blocked?.reason).toBe('target')
    expect(of(c).blocked?.message).toMatch(/admin/i)
    expect(held.blocked).toBeNull()
    // C is not retried in a loop: a handful of JIT requests at most, all of them its own.
    const jitCalls = emulator.stats().byRoute[JIT_ROUTE] ?? 0
    const aRunners = record!.madeFor(formatTarget(a)).length
    console.log(
      `[figure] in ${Math.round((Date.now() - started) / 1000)} s: ${jitCalls - aRunners} JIT request(s) for the 403 repository, ${aRunners} for A`,
    )
    expect(jitCalls - aRunners).toBeLessThanOrEqual(3)
    expect(emulator.job(cJob)?.status).toBe('queued')
    expect(record!.madeFor(formatTarget(b))).toEqual([])
  })
})
