// The pool's life on the real Docker engine with the emulator and the stand-in runner image:
// fill, take a job, replace, shrink with a busy runner, drain — and nothing left behind.
import type { PoolSnapshot } from '../../common/pool-status'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import {
  containersOf,
  createTestPool,
  idle,
  registeredRunners,
  removeAll,
  TARGET,
  type PoolUnderTest,
} from './pool-harness'

let emulator: Emulator
let image: string
let current: PoolUnderTest | null = null

beforeAll(async () => {
  image = await buildRunnerImage()
  emulator = await startEmulator({ runnerOfflineAfterMs: 2000 })
})

afterEach(async () => {
  if (!current) return
  current.pool.dispose()
  await removeAll(current.installationId)
  current = null
})

afterAll(() => emulator?.close())

const busy = (s: PoolSnapshot) => s.runners.filter((r) => r.phase === 'busy')

describe('a pool on the real Docker engine', () => {
  it('fills to three online runners, replaces one after its job, shrinks idle-first, and drains clean', async () => {
    const t = (current = await createTestPool({ apiUrl: emulator.url, image, withFolders: true }))
    await t.start(0)

    // 0 -> 3: every runner online in the engine, in GitHub and in Docker.
    const askedAt = Date.now()
    t.pool.setDesired(3)
    const full = await t.until((s) => idle(s).length === 3, 30_000, 'three idle runners')
    const fillMs = Date.now() - askedAt
    console.log(`[figure] 0 -> 3 runners online: ${fillMs} ms`)
    const names = full.runners.map((r) => r.name).sort()
    expect(
      registeredRunners(emulator, t.installationId)
        .map((r) => r.name)
        .sort(),
    ).toEqual(names)
    // A JIT runner gets exactly the labels it is sent: the defaults config.sh would add are sent.
    for (const r of registeredRunners(emulator, t.installationId)) {
      expect(r.status).toBe('online')
      expect(r.labels).toEqual(['self-hosted', 'Linux', 'X64', `runnerdock-${t.installationId}`])
    }
    const containers = await containersOf(t.installationId)
    expect(containers.map((c) => c.Names[0]?.slice(1)).sort()).toEqual(names)
    expect(containers.every((c) => c.State === 'running')).toBe(true)

    // A job with the most common runs-on: one runner turns busy, finishes, its container goes,
    // a fresh one replaces it.
    const jobId = emulator.queueJob(TARGET, {
      name: 'build',
      labels: ['self-hosted', 'linux', 'x64'],
      script: 'echo "compiling"; sleep 1; echo "all good"',
    })
    const during = await t.until((s) => busy(s).length === 1, 20_000, 'a busy runner')
    const worker = busy(during)[0]!
    expect(worker).toMatchObject({ phase: 'busy', job: { name: 'build' } })
    // Its successor is registered while it works (a spare), so replacing it is one container start.
    await expect.poll(() => registeredRunners(emulator, t.installationId).length).toBe(4)
    await t.until(
      (s) => !s.runners.some((r) => r.name === worker.name) && idle(s).length === 3,
      30_000,
      'the finished runner replaced',
    )
    const job = emulator.job(jobId)!
    expect(job).toMatchObject({ status: 'completed', result: 'Succeeded', runnerName: worker.name })
    const gapMs = Date.now() - Date.parse(job.completedAt!)
    console.log(`[figure] job completed -> replacement online (upper bound): ${gapMs} ms`)
    expect(t.pool.snapshot().recent[0]).toMatchObject({
      name: worker.name,
      job: { result: 'Succeeded' },
    })
    // The job's output, from the runner's page files (docs/github-facts.md).
    expect(
      t.logs
        .read(worker.name)
        .filter((e) => e.stream === 'step')
        .map((e) => e.text),
    ).toEqual(expect.arrayContaining(['compiling', 'all good']))
    expect(
      (await containersOf(t.installationId)).some((c) => c.Names[0] === `/${worker.name}`),
    ).toBe(false)
    expect(registeredRunners(emulator, t.installationId).some((r) => r.name === worker.name)).toBe(
      false,
    )
    expect(registeredRunners(emulator, t.installationId)).toHaveLength(3)

    // 3 -> 1 while one runner is busy: the idle ones go, the busy one finishes its job.
    const longJob = emulator.queueJob(TARGET, {
      name: 'long',
      labels: ['self-hosted'],
      script: 'echo start; sleep 4; echo end',
    })
    const withBusy = await t.until((s) => busy(s).length === 1, 20_000, 'the long job running')
    const busyName = busy(withBusy)[0]!.name
    t.pool.setDesired(1)
    const shrunk = await t.until((s) => s.runners.length === 1, 20_000, 'the idle runners removed')
    expect(shrunk.runners[0]).toMatchObject({ name: busyName, phase: 'busy' })
    expect(emulator.job(longJob)?.status).toBe('in_progress')
    await t.until(
      (s) => s.runners.length === 1 && idle(s).length === 1 && s.runners[0]!.name !== busyName,
      30_000,
      'the busy runner done and replaced by one',
    )
    expect(emulator.job(longJob)).toMatchObject({ status: 'completed', result: 'Succeeded' })

    // Drain: nothing left in Docker or GitHub.
    const report = await t.pool.stop('drain')
    expect(report).toMatchObject({ containersLeft: [], registrationsLeft: [], githubChecked: true })
    expect(await containersOf(t.installationId)).toEqual([])
    expect(registeredRunners(emulator, t.installationId)).toEqual([])
  })

  it('stop now kills a busy runner and still removes its container and registration', async () => {
    const t = (current = await createTestPool({
      apiUrl: emulator.url,
      image,
      config: { deleteRetryMs: 10_000 },
    }))
    await t.start(2)
    await t.until((s) => idle(s).length === 2, 30_000, 'two idle runners')
    const jobId = emulator.queueJob(TARGET, {
      name: 'endless',
      labels: ['self-hosted'],
      script: 'sleep 600',
    })
    await t.until((s) => busy(s).length === 1, 20_000, 'the endless job running')
    const report = await t.pool.stop('now')
    expect(report).toMatchObject({ containersLeft: [], registrationsLeft: [], githubChecked: true })
    expect(await containersOf(t.installationId)).toEqual([])
    expect(registeredRunners(emulator, t.installationId)).toEqual([])
    // GitHub learns the runner is gone and ends the job (it would otherwise wait forever).
    await expect.poll(() => emulator.job(jobId)?.status, { timeout: 15_000 }).toBe('completed')
  })

  it('keeps every line of a job that floods its output just before the container exits', async () => {
    const t = (current = await createTestPool({ apiUrl: emulator.url, image, withFolders: true }))
    await t.start(1)
    await t.until((s) => idle(s).length === 1, 30_000, 'one idle runner')
    emulator.queueJob(TARGET, { name: 'flood', labels: ['self-hosted'], script: 'seq 1 15000' })
    const during = await t.until((s) => busy(s).length === 1, 20_000, 'the flood running')
    const worker = busy(during)[0]!.name
    await t.until((s) => s.recent.some((r) => r.name === worker), 30_000, 'the flood done')
    const lines = t.logs.read(worker).map((e) => e.text)
    // Read to the end from the page files before the runner's folder goes.
    expect(lines.filter((l) => /^\d+$/.test(l))).toHaveLength(15_000)
    expect(lines.some((l) => l.includes('Job flood completed with result: Succeeded'))).toBe(true)
    expect(t.pool.snapshot().recent.find((r) => r.name === worker)?.job?.result).toBe('Succeeded')
  })
})
