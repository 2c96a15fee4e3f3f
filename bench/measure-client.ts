// What a headless client sees: status latency (Docker event -> engine -> WebSocket) and log
// throughput (a job's lines through the engine to a subscribed client).
import Dockerode from 'dockerode'
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import type { PoolSnapshot } from '../common/pool-status'
import { LABELS } from '../main/engine/pool/runner-labels'
import { idleCount, type EngineRig } from './engine-rig'
import { drain } from './measure-pool'
import { liveHeapMb } from './heap'
import { percentile, sleep } from './stats'
import type { BenchClient } from './ws-client'

/**
 * Kills one idle runner's container at a time behind the engine's back; the latency is from the
 * daemon's `die` event to the first snapshot a WebSocket client receives without that runner running.
 */
export async function statusLatency(
  rig: EngineRig,
  client: BenchClient,
  samples: number,
): Promise<{ p50Ms: number; p95Ms: number; samples: number }> {
  await drain(rig)
  await rig.engine.setDesired({ count: 3 })
  const docker = new Dockerode()
  const events = (await docker.getEvents({
    filters: {
      type: ['container'],
      event: ['die'],
      label: [`${LABELS.installation}=${rig.installationId}`],
    },
  })) as NodeJS.ReadableStream & { destroy(): void }
  const died = new Map<string, number>()
  let partial = ''
  events.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as { id: string; timeNano: number }
      died.set(event.id, event.timeNano / 1e6)
    }
  })
  const latencies: number[] = []
  try {
    for (let i = 0; i < samples; i++) {
      const snapshot = await rig.until((s) => idleCount(s) === 3, 'three idle runners')
      const victim = snapshot.runners.find((r) => r.phase === 'idle')!
      let off = () => {}
      const seen = new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 10_000)
        off = client.on('snapshot', (payload) => {
          const r = (payload as PoolSnapshot).runners.find((x) => x.name === victim.name)
          if (r && r.phase === 'idle') return
          clearTimeout(timer)
          resolve(Date.now())
        })
      })
      const killed = await docker
        .getContainer(victim.containerId!)
        .kill()
        .then(
          () => true,
          () => false, // it exited on its own meanwhile: not a sample
        )
      const receivedAt = killed ? await seen : null
      off()
      if (receivedAt === null) continue
      for (let wait = 0; !died.has(victim.containerId!) && wait < 100; wait++) await sleep(10)
      const diedAt = died.get(victim.containerId!)
      if (diedAt !== undefined) latencies.push(Math.max(0, receivedAt - diedAt))
    }
  } finally {
    events.destroy()
  }
  return {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    samples: latencies.length,
  }
}

/** What the log flood measured. */
export interface LogFlood {
  readonly linesPerSecond: number
  readonly received: number
  readonly peakRssMb: number
  /** Process RSS just before the flood, for comparison. */
  readonly rssBeforeMb: number
  /** Live heap (after a full GC) the flood left behind: the engine's capped buffers. */
  readonly retainedHeapMb: number
  /** Lines the engine still holds for the flooded runner (its ring's capacity). */
  readonly storedLines: number
}

/** A job printing `lines` numbered lines: lines per second reaching the client, and memory. */
export async function logThroughput(
  rig: EngineRig,
  client: BenchClient,
  emulator: EmulatorClient,
  target: { owner: string; repo: string },
  lines: number,
): Promise<LogFlood> {
  await drain(rig)
  await rig.engine.setDesired({ count: 1 })
  const ready = await rig.until((s) => idleCount(s) === 1, 'one idle runner')
  const runner = ready.runners[0]!.name
  const heapBefore = liveHeapMb()
  const rssBefore = process.memoryUsage().rss
  let received = 0
  let first = 0
  let last = 0
  let peak = rssBefore
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  let off = () => {}
  const done = new Promise<void>((resolve) => {
    off = client.on('logs', (payload) => {
      for (const entry of payload as Array<{ text: string }>) {
        if (!/^\d+$/.test(entry.text)) continue
        received++
        if (received === 1) first = performance.now()
        last = performance.now()
      }
      if (received >= lines) resolve()
    })
  })
  await emulator.queueJob(target, {
    name: 'log flood',
    labels: ['self-hosted'],
    script: `seq 1 ${lines}`,
  })
  await Promise.race([done, sleep(120_000)])
  off()
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  // Wait until the runner is gone, so the measurement ends with its buffer in the finished state.
  await rig.until((s) => !s.runners.some((r) => r.name === runner), 'the flooded runner to exit')
  const stored = rig.engine.logs.sources().find((source) => source.runner === runner)
  const seconds = Math.max(1e-3, (last - first) / 1000)
  return {
    linesPerSecond: received / seconds,
    received,
    peakRssMb: peak / 2 ** 20,
    rssBeforeMb: rssBefore / 2 ** 20,
    retainedHeapMb: Math.max(0, liveHeapMb() - heapBefore),
    storedLines: stored?.lines ?? 0,
  }
}
