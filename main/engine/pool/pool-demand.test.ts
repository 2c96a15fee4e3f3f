// On demand, over several targets, on the in-memory fakes: the pool follows the job queues,
// keeps its warm minimum, caps and shares fairly, and a failing target stalls nobody else.
import { afterEach, describe, expect, it } from 'vitest'
import { labelsSatisfy } from '../../../common/runner-labels'
import type { PoolSnapshot } from '../../../common/pool-status'
import { formatTarget, type Target } from '../../../common/target'
import { stamp } from './testing/fake-docker'
import { gitHubFailure } from './testing/fake-github'
import { createFakePool, demandGoal, fixedGoal, inPhase, type FakePool } from './testing/fake-pool'

const A: Target = { kind: 'repo', owner: 'octo', repo: 'a' }
const B: Target = { kind: 'repo', owner: 'octo', repo: 'b' }
const C: Target = { kind: 'repo', owner: 'octo', repo: 'c' }
const LINUX = ['self-hosted', 'linux', 'x64']

let t: FakePool | null = null
let stopDispatch = () => {}
afterEach(() => {
  stopDispatch()
  t?.pool.dispose()
  t = null
})

/**
 * GitHub's side: every few ms, a queued job goes to an idle runner of its repository whose labels
 * satisfy it (the runner prints "Running job"), and a running job ends after `jobMs`.
 */
function dispatchJobs(fake: FakePool, jobMs = 30): () => void {
  const timer = setInterval(() => {
    const snapshot = fake.pool.snapshot()
    for (const job of fake.github.jobs) {
      const repo = (job as { repo?: string }).repo
      if (job.status === 'queued') {
        const runner = snapshot.runners.find(
          (r) =>
            r.phase === 'idle' &&
            r.target === repo &&
            !fake.github.jobs.some((j) => j.runnerName === r.name) &&
            labelsSatisfy(job.labels, snapshot.labels),
        )
        if (!runner) continue
        fake.github.updateJob(job.id, {
          status: 'in_progress',
          runnerName: runner.name,
          startedAt: Date.now(),
        })
        fake.takeJob(runner.name, job.name)
        setTimeout(() => {
          fake.github.updateJob(job.id, {
            status: 'completed',
            conclusion: 'success',
            completedAt: Date.now(),
          })
          fake.finishJob(runner.name)
        }, jobMs)
      }
    }
  }, 5)
  return () => clearInterval(timer)
}

const on = (s: PoolSnapshot, target: Target) =>
  s.runners.filter((r) => r.target === formatTarget(target))

describe('a pool on demand', () => {
  it('grows from zero for a burst over three repositories, serves it, and returns to zero', async () => {
    t = createFakePool()
    await t.pool.start(demandGoal([A, B, C], { idleTimeoutMs: 100 }))
    await t.until((s) => s.targets.length === 3 && s.labels.length > 0, 'three targets watched')
    expect(t.pool.snapshot().runners).toEqual([])
    for (const target of [A, B, C, A])
      t.github.queueJob(target as { owner: string; repo: string }, LINUX)
    stopDispatch = dispatchJobs(t)
    await t.until(
      () => t!.github.jobs.every((j) => j.status === 'completed'),
      'every job done',
      5_000,
    )
    // Each job ran on a runner registered on its own repository.
    for (const job of t.github.jobs) expect(job.runnerName).toBeTruthy()
    const done = await t.until((s) => s.recent.length === 4, 'four runners done')
    const ran = done.recent.map((r) => r.target).sort()
    expect(ran).toEqual(['octo/a', 'octo/a', 'octo/b', 'octo/c'])
    await t.until((s) => s.runners.length === 0, 'back to zero after the idle timeout', 5_000)
    expect(t.docker.containers.size).toBe(0)
  })

  it('starts no second runner for a job its runner took while the lists still show it queued', async () => {
    t = createFakePool()
    await t.pool.start(demandGoal([A], { idleTimeoutMs: 60_000 }))
    const job = t.github.queueJob({ owner: 'octo', repo: 'a' }, LINUX)
    const [runner] = (await t.until((s) => inPhase(s, 'idle').length === 1, 'a runner for it'))
      .runners
    const created = () => t!.github.calls.filter((c) => c.startsWith('create ')).length
    // The runner says it took the job; GitHub's lists lag and go on showing it queued.
    t.takeJob(runner!.name, job.name)
    await t.until((s) => inPhase(s, 'busy').length === 1, 'the runner busy')
    await new Promise((r) => setTimeout(r, 200)) // ten reads of the lagging lists
    expect(t.pool.snapshot().runners).toHaveLength(1)
    expect(t.pool.snapshot().targets[0]?.queued).toBe(0)
    // It finishes and goes before the lists catch up: still nothing new.
    t.finishJob(runner!.name)
    await t.until((s) => s.runners.length === 0, 'the runner gone')
    await new Promise((r) => setTimeout(r, 200))
    expect(t.pool.snapshot().runners).toEqual([])
    // The lists catch up; a new job of the same name is served as usual.
    t.github.updateJob(job.id, { status: 'completed', runnerName: runner!.name })
    await new Promise((r) => setTimeout(r, 100))
    t.github.queueJob({ owner: 'octo', repo: 'a' }, LINUX, { name: job.name })

    await t.until((s) => s.runners.length === 1, 'a runner for the next job')
    expect(created()).toBe(2)
  })

  it('keeps a warm runner per target with a minimum of 1', async () => {
    t = createFakePool()
    await t.pool.start(demandGoal([A, B], { minIdle: 1 }))
    const warm = await t.until((s) => inPhase(s, 'idle').length === 2, 'one idle runner each')
    expect(on(warm, A)).toHaveLength(1)
    expect(on(warm, B)).toHaveLength(1)
  })

  it('caps at the maximum and serves the oldest waiting job first', async () => {
    t = createFakePool()
    await t.pool.start(demandGoal([A, B], { max: 2 }))
    await t.until((s) => s.labels.length > 0 && s.targets.every((x) => x.blocked === null), 'ready')
    const now = Date.now()
    t.github.queueJob({ owner: 'octo', repo: 'a' }, LINUX, { createdAt: now - 1000 })
    t.github.queueJob({ owner: 'octo', repo: 'a' }, LINUX, { createdAt: now - 900 })
    t.github.queueJob({ owner: 'octo', repo: 'b' }, LINUX, { createdAt: now - 2000 })
    const full = await t.until((s) => s.runners.length === 2, 'two runners (the maximum)')
    expect(on(full, B)).toHaveLength(1)
    expect(on(full, A)).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 50))
    expect(t.pool.snapshot().runners).toHaveLength(2)
    expect(t.pool.snapshot().targets.find((x) => x.target === A)?.queued).toBe(2)
  })

  it('a repository whose queue cannot be read backs off alone', async () => {
    t = createFakePool()
    t.github.failingRepos.set('octo/a', gitHubFailure('not-found', 404))
    await t.pool.start(demandGoal([A, B]))
    t.github.queueJob({ owner: 'octo', repo: 'b' }, LINUX)
    const served = await t.until((s) => on(s, B).length === 1, 'B served')
    expect(served.targets.find((x) => x.target === A)?.problem).toMatch(/octo\/a/)
  })

  it('a waiting job (an environment to approve) and a job for other labels start nothing', async () => {
    t = createFakePool()
    await t.pool.start(demandGoal([A]))
    t.github.queueJob({ owner: 'octo', repo: 'a' }, LINUX, { status: 'waiting' })
    t.github.queueJob({ owner: 'octo', repo: 'a' }, ['ubuntu-latest'])
    await new Promise((r) => setTimeout(r, 100))
    expect(t.pool.snapshot().runners).toEqual([])
    expect(t.pool.snapshot().targets[0]?.queued).toBe(0)
  })

  it('registers runners with the defaults a JIT runner does not get by itself', async () => {
    t = createFakePool()
    t.docker.arch = 'arm64'
    await t.start(1)
    await t.until((s) => inPhase(s, 'idle').length === 1, 'one idle runner')
    const [registration] = t.github.registrations.values()
    expect(registration?.labels).toEqual(
      ['self-hosted', 'Linux', 'ARM64', 'runnerdock-abcd1234', 'linux'].filter(
        (l, i, all) => all.findIndex((x) => x.toLowerCase() === l.toLowerCase()) === i,
      ),
    )
  })
})

describe('targets while the pool runs', () => {
  it('refuses a public repository until the user allows that one target', async () => {
    t = createFakePool()
    t.github.repos.set('octo/site', { visibility: 'public' })
    const SITE: Target = { kind: 'repo', owner: 'octo', repo: 'site' }
    await t.pool.start(fixedGoal(1, [A, SITE]))
    const held = await t.until(
      (s) =>
        s.targets.find((x) => x.target === SITE)?.blocked?.reason === 'public' &&
        on(s, A).length === 1,
      'the public repository held, the private one served',
    )
    expect(held.targets.find((x) => x.target === SITE)?.blocked?.message).toMatch(
      /octo\/site is a public repository/,
    )
    expect(on(held, SITE)).toEqual([])
    t.pool.setGoal({ allowPublic: ['octo/site'] })
    await t.until((s) => on(s, SITE).length === 1, 'served once allowed')
  })

  it('adds and removes targets without a restart', async () => {
    t = createFakePool()
    await t.pool.start(fixedGoal(1, [A]))
    await t.until((s) => on(s, A).length === 1 && inPhase(s, 'idle').length === 1, 'A served')
    t.pool.setGoal(fixedGoal(1, [B]))
    const moved = await t.until(
      (s) => on(s, A).length === 0 && inPhase(s, 'idle').length === 1 && on(s, B).length === 1,
      'A drained, B served',
    )
    expect(moved.targets.map((x) => formatTarget(x.target))).toEqual(['octo/b'])
  })

  it('finds the job a runner took and links its run', async () => {
    t = createFakePool()
    await t.pool.start(demandGoal([A]))
    const job = t.github.queueJob({ owner: 'octo', repo: 'a' }, LINUX)
    const [runner] = (await t.until((s) => inPhase(s, 'idle').length === 1, 'a runner for the job'))
      .runners
    t.github.updateJob(job.id, {
      status: 'in_progress',
      runnerName: runner!.name,
      startedAt: Date.now(),
    })
    t.docker.print(t.docker.byName(runner!.name)!.id, stamp(`Running job: ${job.name}`))
    const busy = await t.until(
      (s) => s.runners[0]?.jobUrl !== null && s.runners[0]?.jobUrl !== undefined,
      'the job linked',
    )
    expect(busy.runners[0]?.jobUrl).toBe(job.htmlUrl)
  })
})
