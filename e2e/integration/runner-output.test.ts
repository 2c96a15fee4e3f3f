// What a runner prints, as RunnerDock shows it, on the real Docker engine with the stand-in runner
// (which prints what the official one prints: its trace on stdout, the job's output in page files):
// a job's step output reaches the runner's log from its page files while the trace is printed too,
// and its state is still read right; a runner whose network cannot reach the API is reported, with
// why and what to do, within seconds rather than at the online timeout.
import { existsSync, promises as fsp } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../emulator'
import { buildRunnerImage } from '../runner-image/build'
import { createTestPool, idle, removeAll, TARGET, type PoolUnderTest } from './pool-harness'

let emulator: Emulator
let image: string
let current: PoolUnderTest | null = null

beforeAll(async () => {
  image = await buildRunnerImage()
  emulator = await startEmulator({ host: '127.0.0.1', runnerOfflineAfterMs: 2000 })
})
beforeEach(() => emulator.reset())
afterEach(async () => {
  if (!current) return
  current.pool.dispose()
  await removeAll(current.installationId)
  if (current.configDir) await fsp.rm(current.configDir, { recursive: true, force: true })
  current = null
})
afterAll(() => emulator?.close())

const REPO = { owner: TARGET.owner, repo: TARGET.repo }

describe('a job’s output in the runner’s log', () => {
  it('comes from the page files as the job runs, apart from the trace; state is read as ever', async () => {
    const t = (current = await createTestPool({ apiUrl: emulator.url, image, withFolders: true }))
    await t.start(1)
    const ready = await t.until((s) => idle(s).length === 1, 30_000, 'one idle runner')
    const runner = idle(ready)[0]!.name
    const folder = path.join(t.configDir!, 'jobs', runner)
    expect(existsSync(path.join(folder, '_diag', 'pages'))).toBe(true)

    const jobId = emulator.queueJob(REPO, {
      name: 'output',
      labels: ['linux'],
      script: 'echo "hello from the step"\nfor i in 1 2 3; do echo "line $i"; sleep 0.5; done',
    })
    const lines = (stream: string) =>
      t.logs
        .read(runner)
        .filter((e) => e.stream === stream)
        .map((e) => e.text)
    // Live: the first line is in the log while the job still runs.
    await expect
      .poll(() => lines('step'), { timeout: 10_000, interval: 20 })
      .toContain('hello from the step')
    const seenAt = Date.now()
    expect(emulator.job(jobId)?.status).not.toBe('completed')
    const started = t.logs.read(runner).find((e) => e.text.endsWith(': Running job: output'))!
    console.log(
      `[figure] "Running job" line -> first step output line in the runner's log: ${seenAt - started.time} ms (script fetched and "Set up job" written in between)`,
    )

    await t.until(
      (s) => s.recent.some((r) => r.name === runner && r.job?.result === 'Succeeded'),
      30_000,
      'the job done and its runner gone',
    )
    const step = lines('step')
    expect(step).toEqual(
      expect.arrayContaining([
        "Current runner version: '2.330.0'",
        'Complete job name: output',
        '##[group]Run echo "hello from the step"',
        'line 3',
        'Cleaning up orphan processes',
      ]),
    )
    expect(step.indexOf('line 1')).toBeLessThan(step.indexOf('line 3'))
    // The terminal lines are stdout, the trace is trace, and the job's output is on neither.
    const stdout = lines('stdout')
    expect(stdout).toEqual(
      expect.arrayContaining([
        '√ Connected to GitHub',
        expect.stringMatching(/^\S+ \S+: Running job: output$/),
        expect.stringMatching(/^\S+ \S+: Job output completed with result: Succeeded$/),
      ]),
    )
    const trace = lines('trace')
    expect(trace.length).toBeGreaterThan(20)
    expect(trace).toContainEqual(
      expect.stringMatching(
        /^\[RUNNER \S+ \S+ INFO Terminal\] WRITE LINE: .*: Running job: output$/,
      ),
    )
    // The worker's trace never reaches stdout: it is read from its file in the runner's _diag.
    expect(trace).toContainEqual(
      expect.stringMatching(
        /^\[WORKER \S+ \S+ INFO JobRunner\] Job result after all job steps finish: Succeeded$/,
      ),
    )
    // The job's output is in neither; the worker's trace only names the step.
    expect(stdout.some((l) => l.includes('hello from the step'))).toBe(false)
    expect(trace.filter((l) => l.includes('hello from the step'))).toEqual([
      expect.stringMatching(
        /^\[WORKER \S+ \S+ INFO StepsRunner\] Processing step: DisplayName='Run echo "hello from the step"'$/,
      ),
    ])
    console.log(
      `[figure] one job's log: ${stdout.length} terminal lines, ${trace.length} trace lines, ${step.length} step output lines`,
    )
    // Its folders go with it.
    await expect.poll(() => existsSync(folder), { timeout: 10_000 }).toBe(false)
  })
})

describe('a runner that cannot reach the API', () => {
  it.each([
    ['none', 'network "none"'],
    ['bridge', 'the default bridge network'],
  ])(
    'is reported within 10 seconds, with why and what to change (network %s)',
    async (network, named) => {
      // The emulator listens on this machine's loopback; a runner off the host network has its own.
      const t = (current = await createTestPool({
        apiUrl: emulator.url,
        image,
        withFolders: true,
        config: { networkMode: network, onlineTimeoutMs: 60_000 },
      }))
      const startedAt = Date.now()
      await t.start(1)
      await expect
        .poll(() => t.notices.find((n) => /cannot reach/.test(n.message)), {
          timeout: 10_000,
          interval: 50,
        })
        .toBeTruthy()
      const tookMs = Date.now() - startedAt
      const notice = t.notices.find((n) => /cannot reach/.test(n.message))!
      console.log(`[figure] pool start -> "cannot reach" notice (network ${network}): ${tookMs} ms`)
      console.log(`[figure] the notice: ${notice.runner} WARN: ${notice.message}`)
      expect(tookMs).toBeLessThan(10_000)
      const port = new URL(emulator.url).port
      expect(notice).toMatchObject({ level: 'warn', runner: expect.stringMatching(/^rd-/) })
      expect(notice.message).toBe(
        `Runner ${notice.runner} cannot reach ${emulator.url} from inside a container on ${named}: Connection refused (127.0.0.1:${port}) — inside a container 127.0.0.1 is the container itself: use --network host / set the network in Settings to host, or give an address the container can reach (on Docker's default bridge the host is its gateway, e.g. 172.17.0.1).`,
      )
      // Its row says so too, while it is still starting: long before the online timeout.
      const row = t.pool.snapshot().runners.find((r) => r.name === notice.runner)!
      expect(row.phase).toBe('starting')
      expect(row.problem).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:\d+ from inside a container/)
      // Said once, however often the runner retries.
      await new Promise((resolve) => setTimeout(resolve, 2000))
      expect(t.notices.filter((n) => /cannot reach/.test(n.message))).toHaveLength(1)
    },
  )
})
