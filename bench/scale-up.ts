// Scale-up against its two baselines, in the same run, round after round; and the reference times
// the goals are stated in.
import type { EngineRig } from './engine-rig'
import { drain, engineScaleUpSeconds } from './measure-pool'
import {
  limitSeconds,
  mintJitConfig,
  removeRawRunners,
  sequentialSeconds,
  startRawRunner,
  type RawRig,
} from './raw-runners'
import type { BenchResult } from './report'
import { percentile, round, sleep } from './stats'

// The daemon finishes tearing down removed containers after it answers: let it, before timing.
const settle = () => sleep(1000)

/**
 * For each size: the engine, the sequential baseline and the limit, `rounds` times in turn (so a
 * slow moment of the daemon hits all three alike); each figure is the median of its rounds.
 */
export async function scaleUp(
  rig: EngineRig,
  raw: RawRig,
  sizes: readonly number[],
  rounds: number,
  say: (line: string) => void,
): Promise<BenchResult['scaleUp']> {
  const rows: BenchResult['scaleUp'] = []
  for (const n of sizes) {
    const engine: number[] = []
    const sequential: number[] = []
    const limit: number[] = []
    for (let round = 1; round <= rounds; round++) {
      say(`scale-up to ${n}, round ${round}/${rounds}: engine, sequential, limit`)
      await settle()
      engine.push(await engineScaleUpSeconds(rig, n))
      await drain(rig)
      await settle()
      sequential.push(await sequentialSeconds(raw, n))
      await removeRawRunners(raw.docker)
      await settle()
      limit.push(await limitSeconds(raw, n))
      await removeRawRunners(raw.docker)
    }
    rows.push({
      runners: n,
      engineSeconds: round(percentile(engine, 50), 3),
      sequentialSeconds: round(percentile(sequential, 50), 3),
      limitSeconds: round(percentile(limit, 50), 3),
      rounds,
      runs: {
        engine: engine.map((x) => round(x, 3)),
        sequential: sequential.map((x) => round(x, 3)),
        limit: limit.map((x) => round(x, 3)),
      },
    })
  }
  return rows
}

/**
 * The units the goals are stated in, medians of five: one API round trip (generate-jitconfig over
 * HTTP) and one container start on an idle daemon (create until "Listening for Jobs").
 */
export async function measureReference(raw: RawRig): Promise<BenchResult['reference']> {
  const trips: number[] = []
  const starts: number[] = []
  const creates: number[] = []
  for (let i = 0; i < 5; i++) {
    const began = performance.now()
    const config = await mintJitConfig(raw)
    trips.push(performance.now() - began)
    const start = await startRawRunner(raw, config)
    starts.push(start.totalMs)
    creates.push(start.createMs)
    await removeRawRunners(raw.docker)
  }
  return {
    containerStartMs: round(percentile(starts, 50), 1),
    containerCreateMs: round(percentile(creates, 50), 1),
    apiRoundTripMs: round(percentile(trips, 50), 1),
  }
}
