// The Docker daemon itself SIGKILLed under a running pool, then started again: a second dockerd in
// its own network namespace (second-daemon.ts), the pool in-process on it through DOCKER_HOST,
// runners reaching the emulator through a veth pair. The pool must say so within 2 s, keep
// answering while the daemon is away, be whole again within 5 s of its return with nothing
// orphaned, and a stop while the daemon is away must end and say what it could not check.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { PoolSnapshot } from '../../common/pool-status'
import { stopComplete, type StopReport } from '../../common/stop-report'
import {
  describeMachine,
  RESULTS_FORMAT,
  writeSuiteResults,
} from '../../scripts/reliability-results'
import { startEmulator, type Emulator } from '../emulator'
import { createTestPool, idle, type PoolUnderTest } from '../integration/pool-harness'
import { buildRunnerImage } from '../runner-image/build'
import { maximum, percentile } from './chaos-stats'
import { describeView, isWhole, viewInstallation, type InstallationView } from './installation-view'
import { pollUntil, sleep } from './poll'
import { copyImage, startSecondDaemon, type SecondDaemon } from './second-daemon'

const ROOT = path.resolve(__dirname, '../..')
const SIZE = 2
/** How long the daemon stays dead in each round, from the kill to the start of the new dockerd. */
const OUTAGES_MS = (process.env.CHAOS_DOCKER_OUTAGES ?? '1000,3000,6000,10000,17500')
  .split(',')
  .map(Number)
const DETECT_BOUND_MS = 2_000
const RECOVER_BOUND_MS = 5_000
/** How long the pool may take to answer a change with a snapshot while the daemon is away. */
const ANSWER_BOUND_MS = 250
/** "Stop now" ends within a few seconds whatever is pending (its GitHub calls get 2 s). */
const STOP_BOUND_MS = 5_000
const WAIT_MS = 45_000

let daemon: SecondDaemon | null = null
let emulator: Emulator | null = null
let image: string
const pools: PoolUnderTest[] = []
const installationId = randomBytes(4).toString('hex')

/** One outage as the report shows it. */
interface Round {
  readonly outageMs: number
  readonly detectMs: number
  readonly snapshotsWhileDown: number
  readonly slowestAnswerMs: number
  readonly daemonStartMs: number
  readonly recoverMs: number
  readonly replaced: number
  readonly orphans: number
}

beforeAll(async () => {
  image = await buildRunnerImage()
  daemon = await startSecondDaemon()
  await copyImage(new Dockerode(), daemon.docker, image)
  // Runner containers live in the daemon's namespace: they reach the emulator on the host's end
  // of the veth pair, which is also an address of this machine for the engine.
  emulator = await startEmulator({ host: daemon.net.hostAddress, runnerOfflineAfterMs: 1500 })
}, 120_000)

afterAll(async () => {
  for (const t of pools) t.pool.dispose()
  await daemon?.close()
  await emulator?.close()
}, 120_000)

function view(): Promise<InstallationView> {
  return viewInstallation(daemon!.docker, emulator!, installationId)
}

function newPool(): Promise<PoolUnderTest> {
  return createTestPool({
    apiUrl: emulator!.url,
    image,
    dockerHost: daemon!.dockerHost,
    config: { installationId },
  }).then((t) => (pools.push(t), t))
}

/** The pool's own account and the daemon's and emulator's agree on a whole pool without `gone`. */
async function whole(s: PoolSnapshot, gone: ReadonlySet<string>): Promise<boolean> {
  if (s.blocked !== null || s.health.docker.state !== 'ok' || idle(s).length !== SIZE) return false
  if (s.runners.some((r) => gone.has(r.name))) return false
  const v = await view()
  const names = new Set(s.runners.map((r) => r.name))
  return (
    isWhole(v, SIZE) &&
    v.containers.every((c) => names.has(c.runner)) &&
    !v.registrations.some((r) => gone.has(r.name))
  )
}

/** Resolves with the time of the next snapshot event, or null after `ms`. */
function nextSnapshot(t: PoolUnderTest, ms: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => (off(), resolve(null)), ms)
    const off = t.pool.on(
      'snapshot',
      () => (clearTimeout(timer), off(), resolve(performance.now())),
    )
  })
}

/** Kills the daemon and waits until the pool says Docker is down; the milliseconds that took. */
async function killAndDetect(t: PoolUnderTest): Promise<{ killedAt: number; detectMs: number }> {
  const killedAt = performance.now()
  await daemon!.kill()
  await t.until(
    (s) => s.blocked?.reason === 'docker' && s.health.docker.state === 'problem',
    WAIT_MS,
    'the pool to report Docker down',
  )
  return { killedAt, detectMs: performance.now() - killedAt }
}

it(
  `survives ${OUTAGES_MS.length} SIGKILLs of the Docker daemon, and a stop while it is away`,
  { timeout: 8 * 60_000 },
  async () => {
    const started = Date.now()
    const rounds: Round[] = []
    let failure: string | null = null
    let stopMs: number | null = null
    let stopReport: StopReport | null = null
    let leftAfterStop: InstallationView | null = null
    let end: InstallationView | null = null
    let finalReport: StopReport | null = null
    const t = await newPool()
    try {
      await t.start(SIZE)
      await pollUntil(
        async () => whole(t.pool.snapshot(), new Set()),
        WAIT_MS,
        async () => `the pool never filled on the second daemon: ${describeView(await view())}`,
      )
      for (const outageMs of OUTAGES_MS) {
        const victims = new Set(t.pool.snapshot().runners.map((r) => r.name))
        let snapshots = 0
        const off = t.pool.on('snapshot', () => snapshots++)
        const { killedAt, detectMs } = await killAndDetect(t)
        // While the daemon is away: the pool answers every change at once.
        let slowestAnswerMs = 0
        while (performance.now() - killedAt < outageMs) {
          const asked = performance.now()
          const answered = nextSnapshot(t, 5_000)
          t.pool.setDesired(SIZE)
          const at = await answered
          slowestAnswerMs = Math.max(slowestAnswerMs, (at ?? Infinity) - asked)
          await sleep(250)
        }
        off()
        const daemonStartMs = await daemon!.start()
        const returnedAt = performance.now()
        const recoverMs = await pollUntil(
          () => whole(t.pool.snapshot(), victims),
          WAIT_MS,
          async () =>
            `not whole after the daemon came back: ${describeView(await view())}; ${JSON.stringify(t.pool.snapshot().runners.map((r) => `${r.name}:${r.phase}`))}`,
          20,
        ).then(() => performance.now() - returnedAt)
        const after = await view()
        const names = new Set(t.pool.snapshot().runners.map((r) => r.name))
        rounds.push({
          outageMs,
          detectMs,
          snapshotsWhileDown: snapshots,
          slowestAnswerMs,
          daemonStartMs,
          recoverMs,
          replaced: [...victims].filter((n) => !names.has(n)).length,
          orphans:
            after.containers.filter((c) => !names.has(c.runner)).length +
            after.registrations.filter((r) => !names.has(r.name)).length,
        })
        if (process.env.CHAOS_VERBOSE)
          process.stderr.write(`${JSON.stringify(rounds[rounds.length - 1])}\n`)
      }

      // A stop while the daemon is away must end, and say it could not check Docker.
      await killAndDetect(t)
      const stopping = performance.now()
      stopReport = await Promise.race([t.pool.stop('now'), sleep(60_000).then(() => null)])
      stopMs = performance.now() - stopping
      await daemon!.start()
      leftAfterStop = await view()
      // The next start on the same installation removes what that stop could not.
      const next = await newPool()
      await next.start(0)
      await pollUntil(
        async () => {
          const v = await view()
          return v.containers.length === 0 && v.registrations.length === 0
        },
        WAIT_MS,
        async () => `the next start left ${describeView(await view())}`,
      )
      finalReport = await next.pool.stop('now')
      end = await view()
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
    }

    const detects = rounds.map((r) => r.detectMs)
    const recovers = rounds.map((r) => r.recoverMs)
    const slowest = maximum(rounds.map((r) => r.slowestAnswerMs))
    const orphans = rounds.reduce((n, r) => n + r.orphans, 0)
    const stopOk =
      stopMs !== null &&
      stopMs <= STOP_BOUND_MS &&
      stopReport !== null &&
      !stopReport.dockerChecked &&
      !stopComplete(stopReport)
    const endOrphans = end ? end.containers.length + end.registrations.length : null
    const passed =
      failure === null &&
      rounds.length === OUTAGES_MS.length &&
      maximum(detects) <= DETECT_BOUND_MS &&
      maximum(recovers) <= RECOVER_BOUND_MS &&
      slowest <= ANSWER_BOUND_MS &&
      orphans === 0 &&
      stopOk &&
      endOrphans === 0 &&
      finalReport !== null &&
      stopComplete(finalReport)
    const ms = (value: number) => Math.round(value)
    await writeSuiteResults(ROOT, {
      format: RESULTS_FORMAT,
      suite: 'docker-kill',
      title: 'The Docker daemon SIGKILLed under a running pool',
      order: 50,
      ranAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      command: 'npm run test:chaos -- docker-kill',
      machine: describeMachine(),
      passed,
      summary: `A second dockerd (its own network namespace, data root, exec root and containerd, socket, pidfile; no bridge, no iptables) runs a pool of ${SIZE} runners driven in-process through \`DOCKER_HOST\`. In each of ${OUTAGES_MS.length} rounds the daemon is SIGKILLed with the runners online and started again ${OUTAGES_MS.map((o) => o / 1000).join(', ')} s after the kill. The pool must report Docker down within ${DETECT_BOUND_MS / 1000} s, answer every change at once while it is away, and be whole within ${RECOVER_BOUND_MS / 1000} s of the daemon answering again: ${SIZE} idle runners, none of the ones that died with the daemon, the same containers in the daemon and registrations on the emulator, nothing else. Last, the pool is stopped while the daemon is away, and the next start on the same installation removes what that stop could not.`,
      figures: [
        {
          label: 'rounds (SIGKILL of dockerd, restart)',
          value: rounds.length,
          bound: String(OUTAGES_MS.length),
          ok: rounds.length === OUTAGES_MS.length,
        },
        {
          label: 'detection: max time from the kill to "Docker down"',
          value: ms(maximum(detects)),
          unit: 'ms',
          bound: `≤ ${DETECT_BOUND_MS} ms`,
          ok: maximum(detects) <= DETECT_BOUND_MS,
        },
        { label: 'detection: median', value: ms(percentile(detects, 0.5)), unit: 'ms' },
        {
          label: 'slowest answer to a change while the daemon was away',
          value: ms(slowest),
          unit: 'ms',
          bound: `≤ ${ANSWER_BOUND_MS} ms`,
          ok: slowest <= ANSWER_BOUND_MS,
        },
        {
          label: 'recovery: max time from the daemon answering to a whole pool',
          value: ms(maximum(recovers)),
          unit: 'ms',
          bound: `≤ ${RECOVER_BOUND_MS} ms`,
          ok: maximum(recovers) <= RECOVER_BOUND_MS,
        },
        { label: 'recovery: median', value: ms(percentile(recovers, 0.5)), unit: 'ms' },
        {
          label: 'runners replaced (they died with the daemon)',
          value: rounds.reduce((n, r) => n + r.replaced, 0),
        },
        {
          label: 'orphans after each return (containers + registrations)',
          value: orphans,
          bound: '0',
          ok: orphans === 0,
        },
        {
          label: 'stop now while the daemon was away: time to end',
          value: stopMs === null ? null : ms(stopMs),
          unit: 'ms',
          bound: `≤ ${STOP_BOUND_MS} ms, Docker reported unchecked`,
          ok: stopOk,
        },
        {
          label: 'left by that stop (found once the daemon was back)',
          value: leftAfterStop ? describeView(leftAfterStop) : null,
        },
        {
          label: 'orphans after the next start and its stop',
          value: endOrphans,
          bound: '0',
          ok: endOrphans === 0,
        },
      ],
      tables: [
        {
          title: 'Every round',
          columns: [
            'daemon dead for',
            'detected after',
            'snapshots while down (a change asked for every 250 ms)',
            'slowest answer',
            'dockerd start',
            'whole after return',
            'replaced',
            'orphans',
          ],
          rows: rounds.map((r) => [
            `${r.outageMs} ms`,
            `${ms(r.detectMs)} ms`,
            r.snapshotsWhileDown,
            `${ms(r.slowestAnswerMs)} ms`,
            `${ms(r.daemonStartMs)} ms`,
            `${ms(r.recoverMs)} ms`,
            r.replaced,
            r.orphans,
          ]),
        },
      ],
      notes: [
        ...(failure ? [`Stopped early: ${failure.split('\n')[0]}`] : []),
        'A SIGKILLed dockerd takes its containerd with it, but the container shims and the runners live on (still online on the emulator) until the daemon starts again: without live-restore it then stops them, so the runners die when the daemon returns, not when it dies.',
        'Networking: the daemon runs under `nsenter --net=/run/netns/rdc-<id>`; a veth pair joins the namespace to the host (a /30 in 10.213.0.0/16). Runners use host networking, which there means the namespace: they reach the emulator, bound to the host end of the pair, and nothing else of the host (its 127.0.0.1 is not theirs). The engine reaches the same address as an address of this machine, so the token rule for plain http holds.',
        `"Whole" is judged from the pool's snapshot (no hold, Docker healthy, ${SIZE} idle runners, none of the dead ones) and from the daemon's container list and the emulator's registrations (the same runners, nothing else), polled every 20 ms.`,
        "How soon a return is seen depends on where it falls between the engine's reconnect attempts (250 ms doubling to 1 s; an attempt made while dockerd is still starting waits for it and sees it at once). With the earlier 5 s cap, outages of 17.3 and 17.5 s took 5.9 and 5.3 s in a probing run, over the bound; the docker-return section reproduces that case deterministically and now passes. Outages are set with CHAOS_DOCKER_OUTAGES=ms,ms,… (CHAOS_VERBOSE=1 prints each round).",
        'A stop while the daemon is away waits ~10 s on container removals that cannot succeed (the docker-down-removal section).',
      ],
    })
    expect(failure).toBeNull()
    expect(maximum(detects)).toBeLessThanOrEqual(DETECT_BOUND_MS)
    expect(slowest).toBeLessThanOrEqual(ANSWER_BOUND_MS)
    expect(orphans).toBe(0)
    expect(stopMs).toBeLessThanOrEqual(STOP_BOUND_MS)
    expect(stopReport?.dockerChecked).toBe(false)
    expect(endOrphans).toBe(0)
    expect(finalReport && stopComplete(finalReport)).toBe(true)
    expect(maximum(recovers)).toBeLessThanOrEqual(RECOVER_BOUND_MS)
  },
)
