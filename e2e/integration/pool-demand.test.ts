// Runners on demand on the real Docker engine with the emulator (issue 8, "Done when"): the common
// runs-on is served, a burst over three repositories grows the pool from zero and it shrinks back,
// the warm minimum holds per target, a `waiting` job starts nothing.
import { describe, expect, it } from 'vitest'
import type { PoolSnapshot } from '../../common/pool-status'
import { formatTarget, type Target } from '../../common/target'
import type { PoolGoal } from '../../main/engine/pool/pool-config'
import type { JobView } from '../emulator'
import { idle, registeredRunners } from './pool-harness'
import { isLive } from './pool-recorder'
import { freshRepos, LINUX, onDemand, until, useDemandBed } from './demand-bed'

/** Job queues are read every half second while active, every 2 s while quiet. */
const TIMING = { demandActiveMs: 500, demandQuietMs: 2_000 }
const IDLE_TIMEOUT_MS = 6_000

const bed = useDemandBed(TIMING)

const on = (s: PoolSnapshot, target: Target) =>
  s.runners.filter((r) => r.target === formatTarget(target))
const done = (ids: readonly number[]) => () =>
  ids.every((id) => bed.emulator.job(id)?.status === 'completed')
const pickupMs = (job: JobView) => Date.parse(job.startedAt!) - Date.parse(job.createdAt)

const demand = (targets: readonly Target[], minIdle: number, max = 12): PoolGoal =>
  onDemand(targets, { minIdle, idleTimeoutMs: IDLE_TIMEOUT_MS, max })

describe('a pool on demand (real Docker, emulator)', () => {
  it('takes a runs-on: [self-hosted, linux, x64] job from zero, then has no runner left', async () => {
    const [a] = freshRepos()
    const t = await bed.startPool(demand([a], 0))
    await t.until((s) => s.targets.length === 1 && s.labels.length > 0, 20_000, 'labels known')
    expect(t.pool.snapshot().runners).toEqual([])
    const id = bed.emulator.queueJob(a, { name: 'build', labels: LINUX, script: 'echo built' })
    await until(done([id]), 30_000, 'the job done')
    const job = bed.emulator.job(id)!
    expect(job).toMatchObject({ result: 'Succeeded' })
    const runner = bed.emulator.runners().find((r) => r.name === job.runnerName)!
    expect(bed.record.made.has(runner.name)).toBe(true)
    expect(runner.labels).toEqual(['self-hosted', 'Linux', 'X64', `runnerdock-${t.installationId}`])
    expect(runner.scope).toEqual({ kind: 'repo', owner: a.owner, repo: a.repo })
    console.log(`[figure] from zero, one job: picked up ${pickupMs(job)} ms after it was queued`)
    await t.until((s) => s.runners.length === 0, 15_000, 'the pool back to zero')
    expect([...bed.record.made.keys()]).toEqual([job.runnerName])
  })

  it('serves a burst over three repositories from zero, one runner per job, and returns to zero', async () => {
    const targets = freshRepos()
    const t = await bed.startPool(demand(targets, 0))
    await t.until((s) => s.targets.length === 3 && s.labels.length > 0, 20_000, 'three targets')
    const ids: number[] = []
    for (let i = 0; i < 3; i++)
      for (const target of targets)
        ids.push(
          bed.emulator.queueJob(target, {
            name: `job ${i + 1}`,
            labels: LINUX,
            script: 'echo working; sleep 2',
          }),
        )
    await until(done(ids), 60_000, 'the burst served')
    const jobs = ids.map((id) => bed.emulator.job(id)!)
    const lastDone = Math.max(...jobs.map((j) => Date.parse(j.completedAt!)))
    for (const job of jobs) {
      expect(job.result).toBe('Succeeded')
      // Each ran on a runner registered on its own repository.
      const runner = bed.emulator.runners().find((r) => r.name === job.runnerName)!
      expect(runner.scope).toMatchObject({ owner: job.owner, repo: job.repo })
    }
    const pickups = jobs.map(pickupMs).sort((x, y) => x - y)
    console.log(
      `[figure] burst of 9 over 3 repositories from zero: pickup p50 ${pickups[4]} ms, max ${pickups[8]} ms; ${bed.record.made.size} runners made, at most ${bed.record.maxLive()} at once`,
    )
    await t.until((s) => s.runners.length === 0, IDLE_TIMEOUT_MS + 15_000, 'back to zero')
    console.log(`[figure] burst done -> pool at zero: ${Date.now() - lastDone} ms`)
    // No runner beyond the jobs: a queue read that lags behind the runners grows nothing.
    expect(bed.record.made.size).toBe(9)
    for (const target of targets) expect(bed.record.madeFor(formatTarget(target))).toHaveLength(3)
    // And it stays at zero over more reads than an idle timeout.
    await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS))
    expect(t.pool.snapshot().runners).toEqual([])
    expect(bed.record.made.size).toBe(9)
    expect(registeredRunners(bed.emulator, t.installationId)).toEqual([])
  })

  it('keeps one warm runner per target with a minimum of 1, and idle ones go after the timeout', async () => {
    const targets = freshRepos()
    const [a, b, c] = targets
    const t = await bed.startPool(demand(targets, 1))
    const warm = await t.until(
      (s) =>
        targets.every((target) => idle(s).filter((r) => on(s, target).includes(r)).length === 1),
      30_000,
      'one idle runner per target',
    )
    expect(warm.runners).toHaveLength(3)
    const firstNames = warm.runners.map((r) => r.name).sort()
    // The minimum holds still: no runner is replaced or added while nothing happens.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(
      t.pool
        .snapshot()
        .runners.map((r) => r.name)
        .sort(),
    ).toEqual(firstNames)

    // A job on A takes A's warm runner; A gets a fresh warm one, B and C are untouched.
    const id = bed.emulator.queueJob(a, { name: 'quick', labels: LINUX, script: 'echo hi' })
    await until(done([id]), 30_000, 'the job done')
    const taker = bed.emulator.job(id)!.runnerName!
    expect(on(warm, a).map((r) => r.name)).toContain(taker)
    const refilled = await t.until(
      (s) => idle(s).length === 3 && !s.runners.some((r) => r.name === taker),
      30_000,
      'A warm again',
    )
    expect(on(refilled, b).map((r) => r.name)).toEqual(on(warm, b).map((r) => r.name))
    expect(on(refilled, c).map((r) => r.name)).toEqual(on(warm, c).map((r) => r.name))
    expect(refilled.runners.filter(isLive)).toHaveLength(3)

    // Minimum 0: the idle runners are above it, and go once idle for the timeout, not before.
    const lowered = Date.now()
    t.pool.setGoal({ mode: { kind: 'on-demand', minIdle: 0, idleTimeoutMs: IDLE_TIMEOUT_MS } })
    await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS / 3))
    expect(idle(t.pool.snapshot())).toHaveLength(3)
    await t.until((s) => s.runners.length === 0, IDLE_TIMEOUT_MS + 15_000, 'the pool at zero')
    console.log(`[figure] minimum 1 -> 0: pool empty ${Date.now() - lowered} ms later`)
    expect(registeredRunners(bed.emulator, t.installationId)).toEqual([])
  })

  it('starts nothing for a waiting job, and serves it once approved', async () => {
    const [a] = freshRepos()
    const t = await bed.startPool(demand([a], 0))
    await t.until((s) => s.targets.length === 1 && s.labels.length > 0, 20_000, 'labels known')
    const id = bed.emulator.queueJob(a, {
      name: 'deploy',
      labels: LINUX,
      script: 'echo deployed',
      waiting: true,
    })
    // Several reads of the queue (every 0.5-2 s) see the waiting job; none makes a runner.
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    const still = t.pool.snapshot()
    expect(still.runners).toEqual([])
    expect(still.targets[0]).toMatchObject({ queued: 0, wanted: 0 })
    expect(bed.record.made.size).toBe(0)
    expect(bed.emulator.job(id)?.status).toBe('waiting')

    bed.emulator.approveJob(id)
    await until(done([id]), 30_000, 'the approved job done')
    expect(bed.emulator.job(id)).toMatchObject({ result: 'Succeeded' })
    expect(bed.record.made.size).toBe(1)
  })
})
