// `npm run bench`: how fast a pool fills, how short the gap between jobs, how quickly a client
// learns of a change, how many log lines per second, what an idle pool costs, and how runners on
// demand compare with fixed pools. Figures, printed beside the goals of issues 4 and 8 and against
// baselines measured in the same run (docs/performance.md).
import { promises as fsp } from 'node:fs'
import Dockerode from 'dockerode'
import { buildRunnerImage } from '../e2e/runner-image/build'
import { LABELS } from '../main/engine/pool/runner-labels'
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './bench-args'
import { BENCH_LABEL, BenchGuard, removeLabelled } from './bench-guard'
import { formatDemand, type DemandResult } from './demand-report'
import { measureDemand } from './demand-section'
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process'
import { startEngineRig, type EngineRig } from './engine-rig'
import { describeMachine } from './machine'
import { logThroughput, statusLatency } from './measure-client'
import { idleCost } from './measure-idle'
import { drain, engineScaleUpSeconds, replacementGaps } from './measure-pool'
import { dockerLogLinesPerSecond } from './raw-logs'
import type { RawRig } from './raw-runners'
import { formatReport, type BenchResult } from './report'
import { measureReference, scaleUp } from './scale-up'
import { percentile, round, sleep } from './stats'
import { connectClient } from './ws-client'

const TARGET = { owner: 'bench', repo: `app-${process.pid}` }
const began = performance.now()
const say = (line: string) =>
  process.stderr.write(`[bench ${Math.round((performance.now() - began) / 1000)} s] ${line}\n`)

/** What must be undone however the run ends. */
interface Resources {
  docker: Dockerode
  guard: BenchGuard
  emulator: EmulatorProcess | null
  rig: EngineRig | null
  /** Labels of the demand section's pools' containers. */
  labels: string[]
}

/** What `--demand-only` writes: the demand section alone. */
interface DemandOnlyResult {
  machine: BenchResult['machine']
  apiLatencyMs: number
  demand: DemandResult
  wallSeconds: number
}

async function main(res: Resources, options: BenchOptions): Promise<void> {
  const { docker, guard } = res
  await preflight(docker)
  say('building the stand-in runner image (skipped when up to date)')
  const image = await buildRunnerImage(docker)
  const emulator = (res.emulator = await startEmulatorProcess(options.latencyMs))
  const demand = () => {
    say(`demand: 3 scenarios, time scale 1/${options.demandScale}`)
    return measureDemand({
      apiUrl: emulator.url,
      admin: emulator.admin,
      image,
      latencyMs: options.latencyMs,
      scale: options.demandScale,
      adopt: (id) => res.labels.push(`${LABELS.installation}=${id}`),
      say,
    })
  }
  if (options.demandOnly) {
    const result: DemandOnlyResult = {
      machine: await describeMachine(docker),
      apiLatencyMs: options.latencyMs,
      demand: await demand(),
      wallSeconds: Math.round((performance.now() - began) / 1000),
    }
    process.stdout.write(`${formatDemand(result.demand)}\n`)
    process.stdout.write(`\nWall time: ${result.wallSeconds} s\n`)
    if (options.json) await fsp.writeFile(options.json, `${JSON.stringify(result, null, 2)}\n`)
    return
  }
  const raw: RawRig = {
    docker,
    guard,
    apiUrl: emulator.url,
    token: 'ghp_bench_raw_runner_token_0000',
    image,
    ...TARGET,
  }
  say('reference: one API round trip, one container start')
  const reference = await measureReference(raw)
  const rig = (res.rig = await startEngineRig({ apiUrl: emulator.url, image, ...TARGET }))
  const scale = await scaleUp(rig, raw, options.sizes, options.rounds, say)
  await emulator.admin.reset()
  // A reset turns every fault switch off, the injected latency included.
  await emulator.admin.setLatency(options.latencyMs)

  say(`replacement gap: pool 3, ${options.jobs} jobs`)
  const gap = await replacementGaps(rig, emulator.admin, TARGET, 3, options.jobs)
  say('replacement gap: pool 1, 8 jobs')
  const single = await replacementGaps(rig, emulator.admin, TARGET, 1, 8)
  const client = await connectClient(rig.server.url)
  say('status latency: 20 container deaths seen by a WebSocket client')
  const status = await statusLatency(rig, client, 20)
  const caches = await withCaches(rig, emulator.admin, options)
  say(`logs: Docker alone, then a job printing ${options.logLines} lines through the engine`)
  await drain(rig)
  const dockerAlone = await dockerLogLinesPerSecond(docker, guard, image, options.logLines)
  const logs = await logThroughput(rig, client, emulator.admin, TARGET, options.logLines)
  client.close()
  say(`idle: 10 runners, a ${options.budgetSeconds} s window`)
  const idle = await idleCost(rig, emulator.admin, 10, options.budgetSeconds)
  await drain(rig)
  const demandResult = await demand()

  const result: BenchResult = {
    machine: await describeMachine(docker),
    apiLatencyMs: options.latencyMs,
    scaleUp: scale,
    replacementGap: {
      p50Ms: round(gap.p50Ms, 1),
      p95Ms: round(gap.p95Ms, 1),
      pool: 3,
      jobs: options.jobs,
      samples: gap.samples,
      parts: gap.parts,
      single: {
        p50Ms: round(single.p50Ms, 1),
        p95Ms: round(single.p95Ms, 1),
        samples: single.samples,
        parts: single.parts,
      },
    },
    statusLatency: {
      p50Ms: round(status.p50Ms, 1),
      p95Ms: round(status.p95Ms, 1),
      samples: status.samples,
    },
    logs: {
      linesPerSecond: round(logs.linesPerSecond, 0),
      peakRssMb: round(logs.peakRssMb, 1),
      lines: options.logLines,
      received: logs.received,
      dockerAloneLinesPerSecond: round(dockerAlone, 0),
      rssBeforeMb: round(logs.rssBeforeMb, 1),
      retainedHeapMb: round(logs.retainedHeapMb, 1),
      storedLines: logs.storedLines,
    },
    apiBudget: {
      requestsPerHour: round(idle.requestsPerHour, 1),
      notModifiedPerHour: round(idle.notModifiedPerHour, 1),
      idleRunners: 10,
      seconds: round(idle.seconds, 1),
      requests: idle.requests,
      notModified: idle.notModified,
      steadyState: idle.steadyState,
      byRoute: idle.byRoute,
    },
    idle: {
      cpuPercent: round(idle.cpuPercent, 3),
      rssMb: round(idle.rssMb, 1),
      heapMb: round(idle.heapMb, 1),
    },
    caches,
    reference,
    demand: demandResult,
    wallSeconds: Math.round((performance.now() - began) / 1000),
  }
  process.stdout.write(`${formatReport(result)}\n`)
  process.stdout.write(`\nWall time: ${result.wallSeconds} s\n`)
  if (options.json) await fsp.writeFile(options.json, `${JSON.stringify(result, null, 2)}\n`)
}

/**
 * Scale-up to 10 and the replacement gap again with caches on, the app's default (the figures
 * above are the pool's own, caches off); the rig is left with caches off.
 */
async function withCaches(
  rig: EngineRig,
  emulator: EmulatorProcess['admin'],
  options: BenchOptions,
): Promise<BenchResult['caches']> {
  say('caches on: scale-up to 10 and the replacement gap again')
  await switchCaches(rig, true)
  const runs: number[] = []
  for (let i = 0; i < options.rounds; i++) {
    await sleep(1000)
    runs.push(round(await engineScaleUpSeconds(rig, 10), 3))
  }
  const gap = await replacementGaps(rig, emulator, TARGET, 3, options.jobs)
  await switchCaches(rig, false)
  return {
    scaleUp10: { engineSeconds: round(percentile(runs, 50), 3), runs },
    gap: {
      p50Ms: round(gap.p50Ms, 1),
      p95Ms: round(gap.p95Ms, 1),
      samples: gap.samples,
      parts: gap.parts,
    },
  }
}

/** Stops the pool (a restart would run on while the old pool still reports running), saves, starts. */
async function switchCaches(rig: EngineRig, caches: boolean): Promise<void> {
  await drain(rig)
  await rig.engine.stopAndWait('now')
  const saved = await rig.engine.updateSettings({ patch: { caches } })
  if (!saved.ok) throw new Error(saved.message)
  const started = await rig.engine.start()
  if (!started.ok) throw new Error(started.message)
  await rig.until(
    (s) => s.running && s.blocked === null,
    `the pool running with caches ${caches ? 'on' : 'off'}`,
  )
}

/** Fails early, in words a user can act on, when the bench cannot run here. */
async function preflight(docker: Dockerode): Promise<void> {
  const reachable = await docker.ping().then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  )
  if (reachable !== null)
    throw new BenchError(
      `Docker is not reachable (${reachable}). Start the Docker engine, then run the bench again.`,
    )
  const busybox = await fsp.access('/bin/busybox').then(
    () => true,
    () => false,
  )
  if (!busybox)
    throw new BenchError(
      'The stand-in runner image needs /bin/busybox. Install it (apt-get install -y busybox-static), then run the bench again.',
    )
}

/** A failure the bench explains itself: printed without a stack. */
class BenchError extends Error {}

/**
 * Removes everything the run made: no new containers, the engine stops its pool (containers and
 * registrations), then a sweep by label catches anything left (a create that was under way).
 */
async function cleanUp(res: Resources): Promise<void> {
  await res.guard.abort()
  const labels = [BENCH_LABEL, ...res.labels]
  if (res.rig) {
    labels.push(`${LABELS.installation}=${res.rig.installationId}`)
    await Promise.race([
      res.rig.close().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 60_000).unref()),
    ])
  }
  const left = await removeLabelled(res.docker, labels)
  if (left > 0) say(`removed ${left} container(s) left behind`)
  await res.emulator?.close()
}

function run(): void {
  let options: BenchOptions | 'help'
  try {
    options = parseBenchArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${BENCH_USAGE}\n`,
    )
    process.exit(2)
  }
  if (options === 'help') return void process.stdout.write(`${BENCH_USAGE}\n`)
  const res: Resources = {
    docker: new Dockerode(),
    guard: new BenchGuard(),
    emulator: null,
    rig: null,
    labels: [],
  }
  let cleaning: Promise<void> | null = null
  const cleanUpOnce = () => (cleaning ??= cleanUp(res))
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? 130 : 143
    if (cleaning) {
      say(`${signal} again: removing labelled containers and exiting`)
      const labels = [
        BENCH_LABEL,
        ...res.labels,
        ...(res.rig ? [`${LABELS.installation}=${res.rig.installationId}`] : []),
      ]
      void removeLabelled(res.docker, labels).finally(() => process.exit(code))
      return
    }
    say(`${signal}: cleaning up (again to force)`)
    void cleanUpOnce().finally(() => process.exit(code))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  // A stray rejection must not end the process before the containers are removed.
  process.on('unhandledRejection', (error) => {
    if (cleaning) return
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    void cleanUpOnce().finally(() => process.exit(1))
  })
  main(res, options)
    .then(
      () => 0,
      (error: unknown) => {
        // An interrupted run fails on its way down; the signal handler reports and exits.
        if (cleaning) return null
        const text =
          error instanceof BenchError
            ? error.message
            : error instanceof Error
              ? (error.stack ?? error.message)
              : String(error)
        process.stderr.write(`bench failed: ${text}\n`)
        return 1
      },
    )
    .then(async (code) => {
      if (code === null) return
      await cleanUpOnce()
      process.exit(code)
    })
}

run()
