// The smallest reproduction of a defect the docker-kill suite found: after a Docker outage long
// enough for the engine's reconnect backoff to reach its cap, a daemon that comes back just after
// a failed attempt is only noticed at the next one. With a 5 s cap the pool was whole again more
// than 5 s after Docker answered; the cap is now 1 s. Deterministic: the proxy lets the test see
// the engine's attempts and bring Docker back right after one.
import path from 'node:path'
import Dockerode from 'dockerode'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  describeMachine,
  RESULTS_FORMAT,
  writeSuiteResults,
} from '../../scripts/reliability-results'
import { startEmulator, type Emulator } from '../emulator'
import { createTestPool, idle, removeAll, type PoolUnderTest } from '../integration/pool-harness'
import { buildRunnerImage } from '../runner-image/build'
import { DEFAULT_EVENTS_TIMING } from '../../main/engine/docker/docker-events'
import { pollUntil } from './poll'
import { startRefusingDockerProxy, type RefusingDockerProxy } from './refusing-docker-proxy'

const ROOT = path.resolve(__dirname, '../..')
const RECOVER_BOUND_MS = 5_000
/** A gap this long between two refused attempts means the backoff has reached its cap. */
const CAPPED_GAP_MS = Math.round(DEFAULT_EVENTS_TIMING.retryMaxMs * 0.9)

let emulator: Emulator
let image: string
let proxy: RefusingDockerProxy | null = null
let t: PoolUnderTest | null = null

beforeAll(async () => {
  ;[emulator, image] = await Promise.all([
    startEmulator({ runnerOfflineAfterMs: 1500 }),
    buildRunnerImage(),
  ])
}, 120_000)

afterAll(async () => {
  t?.pool.dispose()
  if (t) await removeAll(t.installationId)
  await proxy?.close()
  await emulator?.close()
}, 60_000)

it('is whole within 5 s of Docker answering again, even right after a failed reconnect attempt', async () => {
  const started = Date.now()
  proxy = await startRefusingDockerProxy()
  t = await createTestPool({ apiUrl: emulator.url, image, dockerHost: proxy.dockerHost })
  await t.start(1)
  const [victim] = (await t.until((s) => idle(s).length === 1, 30_000, 'one idle runner')).runners
  const downAt = performance.now()
  proxy.refuse()
  await t.until((s) => s.blocked?.reason === 'docker', 10_000, 'the pool to report Docker down')
  // The runner dies meanwhile, as a restarting daemon stops its containers.
  await new Dockerode().getContainer(victim!.containerId!).kill()
  const gaps = () => proxy!.refusedAt.slice(1).map((at, i) => Math.round(at - proxy!.refusedAt[i]!))
  await pollUntil(
    () => gaps().some((gap) => gap >= CAPPED_GAP_MS),
    60_000,
    () => `the backoff never reached ${CAPPED_GAP_MS} ms: gaps ${gaps().join(', ')}`,
  )
  // Back right after a failed attempt: the worst moment, and a common one.
  const seen = proxy.refusedAt.length
  await pollUntil(
    () => proxy!.refusedAt.length > seen,
    30_000,
    () => 'no further attempt',
    5,
  )
  proxy.pass()
  const backAt = performance.now()
  await t.until((s) => s.health.docker.state === 'ok', 30_000, 'Docker seen again')
  const noticedMs = Math.round(performance.now() - backAt)
  await t.until(
    (s) =>
      s.blocked === null && idle(s).length === 1 && !s.runners.some((r) => r.name === victim!.name),
    30_000,
    'the pool whole again',
  )
  const recoverMs = Math.round(performance.now() - backAt)
  const passed = recoverMs <= RECOVER_BOUND_MS
  await writeSuiteResults(ROOT, {
    format: RESULTS_FORMAT,
    suite: 'docker-return',
    title: "Docker's return, right after a failed reconnect attempt",
    order: 55,
    ranAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    command: 'npm run test:chaos -- docker-return',
    machine: describeMachine(),
    passed,
    summary: `A pool of 1 runner on the host's Docker through a proxy that refuses every connection for a while (the daemon "dead") and notes when the engine tries again; the runner's container is killed meanwhile, as a restarting daemon stops it. Once the engine's reconnect backoff has reached its cap, Docker comes back right after a refused attempt. The pool must be whole again within ${RECOVER_BOUND_MS / 1000} s of Docker answering, as after any other return.`,
    figures: [
      {
        label: 'Docker away for',
        value: Math.round(backAt - downAt),
        unit: 'ms',
      },
      { label: "gaps between the engine's refused attempts", value: gaps().join(', '), unit: 'ms' },
      {
        label: 'time from Docker answering again to the pool seeing it',
        value: noticedMs,
        unit: 'ms',
      },
      {
        label: 'time from Docker answering again to a whole pool',
        value: recoverMs,
        unit: 'ms',
        bound: `≤ ${RECOVER_BOUND_MS} ms`,
        ok: passed,
      },
    ],
    notes: [
      `Where: the engine's event watcher (main/engine/docker/docker-events.ts) is what looks for Docker while it is away: it retries 250 ms doubling to retryMaxMs = ${DEFAULT_EVENTS_TIMING.retryMaxMs} ms (DEFAULT_EVENTS_TIMING). With the earlier 5 s cap a daemon back just after an attempt waited up to 5 s to be seen, and the pool was whole after 5.4 s; the docker-kill suite met the same thing with a real daemon (outages of 17.3 and 17.5 s took 5.9 and 5.3 s in a probing run).`,
    ],
  })
  expect(recoverMs).toBeLessThanOrEqual(RECOVER_BOUND_MS)
}, 120_000)
