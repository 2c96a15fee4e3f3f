// The demand section's workload (issue 8, "What to build" item 6): a burst of 12 jobs over 3
// repositories, then a trickle of 20 at random intervals, the same for every scenario (a seeded
// generator), with every duration of the workload divided by the run's scale factor.
import { seededRandom } from '../e2e/chaos/schema-sample'

/** The workload at full scale; `demandWorkload` divides each duration by the scale factor. */
export const FULL_SCALE = {
  burstJobs: 12,
  trickleJobs: 20,
  /** A trickle job follows the one before after a gap drawn evenly from this range. */
  trickleGapMs: [10_000, 50_000] as const,
  /** How long each job runs. */
  jobMs: 30_000,
  /** The quiet window: nothing queued. */
  quietMs: 600_000,
  /** On demand: idle runners above the warm minimum go after this (the setting's default). */
  idleTimeoutMs: 300_000,
} as const

/** One job to queue, `atMs` after the workload begins. */
export interface DemandJob {
  readonly atMs: number
  /** Index of the repository (0, 1, 2). */
  readonly repo: number
  readonly name: string
  readonly seconds: number
  readonly phase: 'burst' | 'trickle'
}

/**
 * The jobs of one run: the burst at once, round-robin over the repositories, then the trickle on
 * repositories drawn at random. `scale` 1 is the full workload; 10 runs it ten times faster.
 */
export function demandWorkload(repos: number, scale: number, seed = 8): DemandJob[] {
  const random = seededRandom(seed) // the same trickle for every scenario
  const seconds = FULL_SCALE.jobMs / scale / 1000
  const jobs: DemandJob[] = []
  for (let i = 0; i < FULL_SCALE.burstJobs; i++)
    jobs.push({ atMs: 0, repo: i % repos, name: `burst ${i + 1}`, seconds, phase: 'burst' })
  const [low, high] = FULL_SCALE.trickleGapMs
  let at = 0
  for (let i = 0; i < FULL_SCALE.trickleJobs; i++) {
    at += (low + random() * (high - low)) / scale
    const repo = Math.min(repos - 1, Math.floor(random() * repos))
    jobs.push({ atMs: Math.round(at), repo, name: `trickle ${i + 1}`, seconds, phase: 'trickle' })
  }
  return jobs
}
