// `npm run bench`: how fast a pool fills, how short the gap between jobs, how quickly a client
// learns of a change, how many log lines per second, and what an idle pool costs. Figures, printed
// beside the goals of issue 4 and against baselines measured in the same run (docs/performance.md).
import { execFile } from 'node:child_process'
import { promises as fsp } from 'node:fs'
import os from 'node:os'
import { promisify } from 'node:util'
import Dockerode from 'dockerode'
import { buildRunnerImage } from '../e2e/runner-image/build'
import { parseBenchArgs } from './bench-args'
import { startEmulatorProcess, type EmulatorProcess } from './emulator-process'
import { startEngineRig, type EngineRig } from './engine-rig'
import { logThroughput, statusLatency } from './measure-client'
import { idleCost } from './measure-idle'
import { drain, engineScaleUpSeconds, replacementGaps } from './measure-pool'
import {
  limitSeconds,
  mintJitConfig,
  removeRawRunners,
  sequentialSeconds,
  startRawRunner,
  type RawRig,
} from './raw-runners'
import { formatReport, type BenchResult } from './report'
import { round } from './stats'
import { connectClient } from './ws-client'

const TARGET = { owner: 'bench', repo: `app-${process.pid}` }

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2))
  const began = performance.now()
  const docker = new Dockerode()
  const say = (line: string) =>
    process.stderr.write(`[bench ${Math.round((performance.now() - began) / 1000)} s] ${line}\n`)
  let emulator: EmulatorProcess | null = null
  let rig: EngineRig | null = null
  const cleanup = async () => {
    await rig?.close().catch(() => {})
    await removeRawRunners(docker)
    await emulator?.close()
  }
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)))
  try {
    const image = await buildRunnerImage(docker)
    emulator = await startEmulatorProcess(options.latencyMs)
    const raw: RawRig = {
      docker,
      apiUrl: emulator.url,
      token: 'ghp_bench_raw_runner_token_0000',
      image,
      ...TARGET,
    }
    say('reference: one API round trip, one container start')
    const reference = await measureReference(raw)
    await removeRawRunners(docker)

    rig = await startEngineRig({ apiUrl: emulator.url, image, ...TARGET })
    const scaleUp: BenchResult['scaleUp'] = []
    for (const n of options.sizes) {
      say(`scale-up to ${n}: engine, sequential, limit`)
      const engineSeconds = await engineScaleUpSeconds(rig, n)
      await drain(rig)
      const sequential = await sequentialSeconds(raw, n)
      await removeRawRunners(docker)
      const limit = await limitSeconds(raw, n)
      await removeRawRunners(docker)
      scaleUp.push({
        runners: n,
        engineSeconds: round(engineSeconds, 3),
        sequentialSeconds: round(sequential, 3),
        limitSeconds: round(limit, 3),
      })
    }
    await emulator.admin.reset()

    say(`replacement gap: pool 3, ${options.jobs} jobs`)
    const gap = await replacementGaps(rig, emulator.admin, TARGET, 3, options.jobs)
    const client = await connectClient(rig.server.url)
    say('status latency: 20 container deaths seen by a WebSocket client')
    const status = await statusLatency(rig, client, 20)
    say(`logs: a job printing ${options.logLines} lines`)
    const logs = await logThroughput(rig, client, emulator.admin, TARGET, options.logLines)
    client.close()
    say(`idle: 10 runners for ${options.budgetSeconds} s`)
    const idle = await idleCost(rig, emulator.admin, 10, options.budgetSeconds)
    await drain(rig)

    const result: BenchResult = {
      machine: await machine(docker),
      apiLatencyMs: options.latencyMs,
      scaleUp,
      replacementGap: {
        p50Ms: round(gap.p50Ms, 1),
        p95Ms: round(gap.p95Ms, 1),
        pool: 3,
        jobs: options.jobs,
        samples: gap.samples,
      },
      statusLatency: { p50Ms: round(status.p50Ms, 1), p95Ms: round(status.p95Ms, 1) },
      logs: {
        linesPerSecond: round(logs.linesPerSecond, 0),
        peakRssMb: round(logs.peakRssMb, 1),
        lines: options.logLines,
        received: logs.received,
      },
      apiBudget: {
        requestsPerHour: round(idle.requestsPerHour, 1),
        notModifiedPerHour: round(idle.notModifiedPerHour, 1),
        idleRunners: 10,
        seconds: options.budgetSeconds,
      },
      idle: { cpuPercent: round(idle.cpuPercent, 3), rssMb: round(idle.rssMb, 1) },
      reference: {
        containerStartMs: round(reference.containerStartMs, 1),
        apiRoundTripMs: round(reference.apiRoundTripMs, 1),
      },
    }
    process.stdout.write(`${formatReport(result)}\n`)
    process.stdout.write(`\nWall time: ${Math.round((performance.now() - began) / 1000)} s\n`)
    if (options.json) await fsp.writeFile(options.json, `${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await cleanup()
  }
}

/** The units the goals are stated in: one API round trip, one container start until it listens. */
async function measureReference(
  raw: RawRig,
): Promise<{ apiRoundTripMs: number; containerStartMs: number }> {
  const trips: number[] = []
  const starts: number[] = []
  for (let i = 0; i < 3; i++) {
    let t = performance.now()
    const config = await mintJitConfig(raw)
    trips.push(performance.now() - t)
    t = performance.now()
    await startRawRunner(raw, config)
    starts.push(performance.now() - t)
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
  return { apiRoundTripMs: mean(trips), containerStartMs: mean(starts) }
}

async function machine(docker: Dockerode): Promise<BenchResult['machine']> {
  const version = await docker.version().catch(() => ({ Version: 'unknown' }))
  const kernel = await promisify(execFile)('uname', ['-sr']).then(
    (r) => r.stdout.trim(),
    () => os.release(),
  )
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    os: kernel,
    node: process.version,
    docker: version.Version,
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exit(1)
  },
)
