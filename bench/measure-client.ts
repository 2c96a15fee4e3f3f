// What a headless client sees: status latency (Docker event -> engine -> WebSocket) and log
// throughput (a job's lines through the engine to a subscribed client).
import Dockerode from 'dockerode'
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import type { PoolSnapshot } from '../common/pool-status'
import { LABELS } from '../main/engine/pool/runner-record'
import { idleCount, type EngineRig } from './engine-rig'
import { drain } from './measure-pool'
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
): Promise<{ p50Ms: number; p95Ms: number }> {
  await drain(rig)
  await rig.engine.setDesired({ count: 3 })
  const docker = new Dockerode()
  const events = (await docker.getEvents({
    filters: {
      type: ['container'],
      event: ['die'],
      label: [`${LABELS.installation}=${rig.installationId}`],
    },
  })) as NodeJS.ReadableStream
  const died = new Map<string, number>()
  events.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const event = JSON.parse(line) as { id: string; timeNano: number }
      died.set(event.id, event.timeNano / 1e6)
    }
  })
  const latencies: number[] = []
  try {
    for (let i = 0; i < samples; i++) {
      const snapshot = await rig.until((s) => idleCount(s) === 3, 'three idle runners')
      const victim = snapshot.runners.find(
        (r) => r.activity.kind === 'idle' && r.container === 'running',
      )!
      const seen = new Promise<number>((resolve) => {
        const off = client.on('snapshot', (payload) => {
          const s = payload as PoolSnapshot
          const r = s.runners.find((x) => x.name === victim.name)
          if (r && r.container === 'running') return
          off()
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
      if (!killed) continue
      const receivedAt = await seen
      for (let wait = 0; !died.has(victim.containerId!) && wait < 100; wait++) await sleep(10)
      const diedAt = died.get(victim.containerId!)
      if (diedAt !== undefined) latencies.push(Math.max(0, receivedAt - diedAt))
    }
  } finally {
    ;(events as unknown as { destroy(): void }).destroy()
  }
  return { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95) }
}

/** A job printing `lines` numbered lines: lines per second reaching the client, and peak RSS. */
export async function logThroughput(
  rig: EngineRig,
  client: BenchClient,
  emulator: EmulatorClient,
  target: { owner: string; repo: string },
  lines: number,
): Promise<{ linesPerSecond: number; peakRssMb: number; received: number }> {
  await drain(rig)
  await rig.engine.setDesired({ count: 1 })
  await rig.until((s) => idleCount(s) === 1, 'one idle runner')
  let received = 0
  let first = 0
  let last = 0
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const done = new Promise<void>((resolve) => {
    const off = client.on('logs', (payload) => {
      for (const entry of payload as Array<{ text: string }>) {
        if (!/^\d+$/.test(entry.text)) continue
        received++
        if (received === 1) first = performance.now()
        last = performance.now()
      }
      if (received >= lines) {
        off()
        resolve()
      }
    })
  })
  await emulator.queueJob(target, {
    name: 'log flood',
    labels: ['self-hosted'],
    script: `seq 1 ${lines}`,
  })
  await Promise.race([done, sleep(120_000)])
  clearInterval(sampler)
  const seconds = Math.max(1e-3, (last - first) / 1000)
  return { linesPerSecond: received / seconds, peakRssMb: peak / 2 ** 20, received }
}
