// Scale-up and replacement gap, measured through the engine.
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import { idleCount, type EngineRig } from './engine-rig'
import { percentile } from './stats'

/** Seconds from `desired = n` to n runners listening. */
export async function engineScaleUpSeconds(rig: EngineRig, n: number): Promise<number> {
  await drain(rig)
  const started = performance.now()
  await rig.engine.setDesired({ count: n })
  await rig.until((s) => idleCount(s) === n, `${n} idle runners`)
  return (performance.now() - started) / 1000
}

/** Scales to zero and waits until every runner is gone. */
export async function drain(rig: EngineRig): Promise<void> {
  await rig.engine.setDesired({ count: 0 })
  await rig.until((s) => s.runners.length === 0, 'an empty pool')
}

/**
 * Replacement gap: from a job's completion line (the runner's own log timestamp) to the next fresh
 * runner's "Listening for Jobs", with the pool at `size` and `jobs` short jobs queued at once.
 */
export async function replacementGaps(
  rig: EngineRig,
  emulator: EmulatorClient,
  target: { owner: string; repo: string },
  size: number,
  jobs: number,
): Promise<{ p50Ms: number; p95Ms: number; samples: number }> {
  await drain(rig)
  await rig.engine.setDesired({ count: size })
  await rig.until((s) => idleCount(s) === size, `${size} idle runners`)
  const completions: number[] = []
  const listening: number[] = []
  const off = rig.engine.logs.subscribe(null, (entries) => {
    for (const e of entries) {
      if (/: Job .* completed with result: /.test(e.text)) completions.push(e.time)
      else if (/: Listening for Jobs$/.test(e.text)) listening.push(e.time)
    }
  })
  const ids: number[] = []
  for (let i = 0; i < jobs; i++) {
    ids.push(
      await emulator.queueJob(target, {
        name: `job ${i + 1}`,
        labels: ['self-hosted'],
        script: 'echo working; sleep 0.2',
      }),
    )
  }
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    const all = await emulator.jobs()
    if (ids.every((id) => all.find((j) => j.id === id)?.status === 'completed')) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await rig.until((s) => idleCount(s) === size, 'the pool refilled after the jobs')
  off()
  return { ...pairGaps(completions, listening), samples: completions.length }
}

/** Pairs each completion with the first later, not yet paired "Listening" line. Pure. */
export function pairGaps(
  completions: readonly number[],
  listening: readonly number[],
): { p50Ms: number; p95Ms: number } {
  const free = [...listening].sort((a, b) => a - b)
  const gaps: number[] = []
  for (const done of [...completions].sort((a, b) => a - b)) {
    const index = free.findIndex((t) => t >= done)
    if (index < 0) continue
    gaps.push(free[index]! - done)
    free.splice(index, 1)
  }
  return { p50Ms: percentile(gaps, 50), p95Ms: percentile(gaps, 95) }
}
