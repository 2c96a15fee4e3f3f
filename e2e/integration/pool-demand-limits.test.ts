// On demand at its limits, on the real Docker engine with the emulator (issue 8, "Done when"): the
// machine-wide maximum caps the pool and shares it oldest job first over three repositories, and a
// repository GitHub refuses (404, 403) is held alone while the others are served.
import { describe, expect, it } from 'vitest'
import { formatTarget, type Target } from '../../common/target'
import type { PoolGoal } from '../../main/engine/pool/pool-config'
import type { JobView } from '../emulator'
import { freshRepos, LINUX, onDemand, until, useDemandBed } from './demand-bed'
import { registeredRunners } from './pool-harness'

const TIMING = { demandActiveMs: 500, demandQuietMs: 2_000 }
const JIT_ROUTE = 'POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig'

type Repo = Target & { kind: 'repo' }

const bed = useDemandBed(TIMING)

const pickupMs = (job: JobView) => Date.parse(job.startedAt!) - Date.parse(job.createdAt)

const demand = (targets: readonly Target[], max: number): PoolGoal =>
  onDemand(targets, { minIdle: 0, idleTimeoutMs: 6_000, max })

describe('on demand at its limits (real Docker, emulator)', () => {
  it('caps at the maximum and shares it oldest job first over three repositories', async () => {
    const targets = freshRepos()
    const [a, b, c] = targets
    const t = await bed.startPool(demand(targets, 4))
    await t.until((s) => s.targets.length === 3 && s.labels.length > 0, 20_000, 'three targets')
    let mostRegistered = 0
    const sampler = setInterval(() => {
      mostRegistered = Math.max(
        mostRegistered,
        registeredRunners(bed.emulator, t.installationId).length,
      )
    }, 50)
    const ids: number[] = []
    const queue = (target: Repo, name: string, seconds: number) =>
      bed.emulator.queueJob(target, {
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
      expect(bed.record.made.size).toBe(4)
      await until(
        () => blockers.every((id) => bed.emulator.job(id)?.status === 'completed'),
        30_000,
        'the long jobs done',
      )
      // The four freed places go to the four oldest jobs: two on A, one each on B and C.
      await until(() => bed.record.made.size >= 8, 30_000, 'four more runners')
      const firstWave = [...bed.record.made.values()].slice(4, 8).sort()
      expect(firstWave).toEqual([a, a, b, c].map(formatTarget).sort())
      await until(
        () => ids.every((id) => bed.emulator.job(id)?.status === 'completed'),
        60_000,
        'every job done',
      )
    } finally {
      clearInterval(sampler)
    }
    const jobs = ids.map((id) => bed.emulator.job(id)!)
    for (const job of jobs) {
      expect(job.result).toBe('Succeeded')
      const runner = bed.emulator.runners().find((r) => r.name === job.runnerName)!
      expect(runner.scope).toMatchObject({ owner: job.owner, repo: job.repo })
    }
    // The three that waited longest went one to each target, and never past the maximum.
    expect([...bed.record.made.values()].slice(8).sort()).toEqual(
      [a, b, c].map(formatTarget).sort(),
    )
    expect(bed.record.made.size).toBe(11)
    expect(bed.record.maxLive()).toBeLessThanOrEqual(4)
    expect(mostRegistered).toBeLessThanOrEqual(4)
    console.log(
      `[figure] max 4, 4 jobs of 8 s then 7 of 4 s over 3 repositories: at most ${bed.record.maxLive()} runners (${mostRegistered} registrations) at once; pickups of the 7: ${jobs.map(pickupMs).join(', ')} ms`,
    )
  })

  it('holds a repository GitHub answers 404 and one it answers 403, and serves the third', async () => {
    const [a, b, c] = freshRepos()
    bed.emulator.setAccount({ anyRepositoryExists: false })
    bed.emulator.setRepo({ owner: a.owner, repo: a.repo })
    // B does not exist (404 everywhere); on C the user may push but not administer runners (403).
    bed.emulator.setRepo({ owner: c.owner, repo: c.repo, permission: 'push' })
    const t = await bed.startPool(demand([a, b, c], 12))
    await t.until((s) => s.labels.length > 0, 20_000, 'labels known')
    const cJob = bed.emulator.queueJob(c, { name: 'refused', labels: LINUX, script: 'echo never' })
    const started = Date.now()
    const ids: number[] = []
    for (let i = 0; i < 3; i++) {
      ids.push(bed.emulator.queueJob(a, { name: `a ${i + 1}`, labels: LINUX, script: 'echo ok' }))
      await until(
        () => bed.emulator.job(ids.at(-1)!)?.status === 'completed',
        20_000,
        `A's job ${i + 1} served while B and C fail`,
      )
    }
    const pickups = ids.map((id) => pickupMs(bed.emulator.job(id)!))
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
    const jitCalls = bed.emulator.stats().byRoute[JIT_ROUTE] ?? 0
    const aRunners = bed.record.madeFor(formatTarget(a)).length
    console.log(
      `[figure] in ${Math.round((Date.now() - started) / 1000)} s: ${jitCalls - aRunners} JIT request(s) for the 403 repository, ${aRunners} for A`,
    )
    expect(jitCalls - aRunners).toBeLessThanOrEqual(3)
    expect(bed.emulator.job(cJob)?.status).toBe('queued')
    expect(bed.record.madeFor(formatTarget(b))).toEqual([])
  })
})
