// Scale-up and replacement gap, measured through the engine.
import type { EmulatorClient } from '../e2e/emulator/admin-client'
import { idleCount, type EngineRig } from './engine-rig'
import { gapParts, pairGaps, type GapParts, type Successor } from './gap-analysis'
import { sleep } from './stats'

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

/** The replacement gap's percentiles and what its median is made of. */
export interface ReplacementGaps {
  readonly p50Ms: number
  readonly p95Ms: number
  readonly samples: number
  readonly parts: GapParts
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
): Promise<ReplacementGaps> {
  await drain(rig)
  await rig.engine.setDesired({ count: size })
  const before = await rig.until((s) => idleCount(s) === size, `${size} idle runners`)
  const initial = new Set(before.runners.map((r) => r.name))
  const completions: number[] = []
  const listening: number[] = []
  const successors = new Map<string, Successor>()
  const successor = (name: string, createdAt: number): Successor => {
    const known = successors.get(name)
    if (known) return known
    const fresh = { name, createdAt, registeredAt: null, startedAt: null, listeningAt: null }
    successors.set(name, fresh)
    return fresh
  }
  const offSnapshots = rig.engine.on('snapshot', (s) => {
    for (const r of s.runners) if (!initial.has(r.name)) successor(r.name, r.createdAt)
  })
  const offLogs = rig.engine.logs.subscribe(null, (entries) => {
    for (const e of entries) {
      // The trace repeats every terminal line ("WRITE LINE: …"): only the terminal line counts.
      if (e.stream === 'trace' || e.stream === 'step') continue
      if (/: Job .* completed with result: /.test(e.text)) completions.push(e.time)
      else if (/: Listening for Jobs$/.test(e.text)) listening.push(e.time)
      const s = successors.get(e.runner)
      if (!s) continue
      const step = /: Listening for Jobs$/.test(e.text)
        ? 'listeningAt'
        : e.stream === 'engine' && e.text.startsWith('Registered as runner')
          ? 'registeredAt'
          : e.stream === 'engine' && /^Container \w+ started\.$/.test(e.text)
            ? 'startedAt'
            : null
      if (step && s[step] === null) successors.set(e.runner, { ...s, [step]: e.time })
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
    await sleep(250)
  }
  await rig.until((s) => idleCount(s) === size, 'the pool refilled after the jobs')
  await sleep(100) // log lines reach subscribers a turn after the snapshot that they caused
  offLogs()
  offSnapshots()
  return {
    ...pairGaps(completions, listening),
    parts: gapParts(completions, [...successors.values()]),
  }
}
