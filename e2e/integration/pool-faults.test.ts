// What users meet: Docker going away and coming back, a revoked token, rate limits and GitHub 5xx.
// Each ends in a state that explains itself, without hangs and without orphans.
import { randomBytes } from 'node:crypto'
import Dockerode from 'dockerode'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startDockerProxy, type DockerProxy } from '../support/docker-proxy'
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
let proxy: DockerProxy | null = null

beforeAll(async () => {
  image = await buildRunnerImage()
  emulator = await startEmulator({ runnerOfflineAfterMs: 2000 })
})

beforeEach(() => emulator.reset())

afterEach(async () => {
  await proxy?.close()
  proxy = null
  if (!current) return
  current.pool.dispose()
  await removeAll(current.installationId)
  current = null
})

afterAll(() => emulator?.close())

describe('Docker unreachable', () => {
  it('says so at start without hanging, and fills the pool once Docker is back', async () => {
    proxy = await startDockerProxy()
    await proxy.cut()
    const t = (current = await createTestPool({
      apiUrl: emulator.url,
      image,
      dockerHost: proxy.dockerHost,
    }))
    const started = Date.now()
    await t.start(1)
    expect(Date.now() - started).toBeLessThan(10_000)
    const down = t.pool.snapshot()
    expect(down.blocked?.reason).toBe('docker')
    expect(down.health.docker.state).toBe('problem')
    expect(down.health.docker.problem).toMatch(/docker/i)
    expect(down.health.docker.problem).toMatch(/start/i)
    await proxy.restore()
    await t.until(
      (s) => idle(s).length === 1 && s.blocked === null,
      40_000,
      'the pool filled after Docker came back',
    )
  })

  it('notices Docker going away mid-run, and on return cleans up a runner that died meanwhile', async () => {
    proxy = await startDockerProxy()
    const t = (current = await createTestPool({
      apiUrl: emulator.url,
      image,
      dockerHost: proxy.dockerHost,
    }))
    await t.start(2)
    const before = await t.until((s) => idle(s).length === 2, 30_000, 'two idle runners')
    await proxy.cut()
    await t.until((s) => s.blocked?.reason === 'docker', 20_000, 'the pool to report Docker down')
    // Behind the engine's back (through the real socket), one runner's container dies.
    const victim = before.runners[0]!
    await new Dockerode().getContainer(victim.containerId!).kill()
    // Asking for more while Docker is away changes the goal but neither throws nor hangs.
    t.pool.setDesired(3)
    expect(t.pool.snapshot().desired).toBe(3)
    await proxy.restore()
    const after = await t.until(
      (s) =>
        idle(s).length === 3 &&
        !s.runners.some((r) => r.name === victim.name) &&
        s.blocked === null,
      45_000,
      'three idle runners without the dead one',
    )
    expect(after.health.docker.state).toBe('ok')
    const names = (await containersOf(t.installationId)).map((c) => c.Names[0]!.slice(1)).sort()
    expect(names).toEqual(after.runners.map((r) => r.name).sort())
    await expect
      .poll(
        () => registeredRunners(emulator, t.installationId).some((r) => r.name === victim.name),
        { timeout: 15_000 },
      )
      .toBe(false)
    await t.pool.stop('now')
    expect(await containersOf(t.installationId)).toEqual([])
  })
})

describe('GitHub says no', () => {
  it('stops creating runners when the token is revoked, explains why, and keeps the runners it has', async () => {
    const token = `ghp_${randomBytes(18).toString('hex')}`
    const t = (current = await createTestPool({ apiUrl: emulator.url, image, token }))
    await t.start(1)
    await t.until((s) => idle(s).length === 1, 30_000, 'one idle runner')
    emulator.revokeToken(token)
    emulator.resetStats()
    t.pool.setDesired(3)
    const blocked = await t.until((s) => s.blocked?.reason === 'token', 15_000, 'a token block')
    expect(blocked.blocked?.message).toMatch(/token/i)
    expect(blocked.health.token.state).toBe('problem')
    // It does not mint JIT configs in a loop with a dead token.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect(
      emulator.stats().byRoute['POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig'] ??
        0,
    ).toBeLessThanOrEqual(2)
    expect(t.pool.snapshot().runners.filter((r) => r.phase === 'idle')).toHaveLength(1)
    expect(await containersOf(t.installationId)).toHaveLength(1)
    expect(t.notices.some((n) => n.level === 'error' && /token/i.test(n.message))).toBe(true)
  })

  // Octokit waits until x-ratelimit-reset (whole seconds) plus one second.
  it('waits out a primary rate limit as the headers say, then fills the pool', async () => {
    const t = (current = await createTestPool({ apiUrl: emulator.url, image }))
    emulator.primaryRateLimit({ remaining: 0, resetInSeconds: 3 })
    const started = Date.now()
    await t.start(1)
    await t.until((s) => idle(s).length === 1, 40_000, 'one idle runner after the limit reset')
    expect(
      t.rateLimits.some(
        (n) => n.kind === 'primary' && n.retryAfterSeconds >= 3 && n.retryAfterSeconds <= 6,
      ),
    ).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
  })

  it.each([403, 429] as const)(
    'waits out a secondary rate limit (%i, Retry-After), then fills the pool',
    async (status) => {
      const t = (current = await createTestPool({ apiUrl: emulator.url, image }))
      emulator.secondaryRateLimit({ count: 1, retryAfterSeconds: 2, status })
      const started = Date.now()
      await t.start(1)
      await t.until((s) => idle(s).length === 1, 40_000, 'one idle runner after Retry-After')
      expect(t.rateLimits.some((n) => n.kind === 'secondary' && n.retryAfterSeconds === 2)).toBe(
        true,
      )
      expect(Date.now() - started).toBeGreaterThanOrEqual(1800)
    },
  )

  it('retries 5xx answers with backoff and gets there', async () => {
    const t = (current = await createTestPool({ apiUrl: emulator.url, image }))
    await t.start(0)
    emulator.resetStats()
    emulator.failNext(
      2,
      502,
      `/repos/${TARGET.owner}/${TARGET.repo}/actions/runners/generate-jitconfig`,
    )
    t.pool.setDesired(1)
    await t.until((s) => idle(s).length === 1, 40_000, 'one idle runner despite two 502s')
    const jit =
      emulator.stats().byRoute['POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig'] ?? 0
    expect(jit).toBeGreaterThanOrEqual(3)
    expect(registeredRunners(emulator, t.installationId)).toHaveLength(1)
  })
})
