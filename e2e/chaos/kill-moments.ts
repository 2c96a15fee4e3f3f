// Where the SIGKILL of `runnerdock up` lands, cycle by cycle, drawn from a seed so a failing run
// can be replayed: while it starts, while it creates runners, with some online, idle, during a
// job, during a replacement, during a drain.

/** A moment in the pool's life; each leaves different things behind for the next start. */
export type KillMoment =
  'just-started' | 'creating' | 'some-online' | 'idle' | 'job' | 'replacement' | 'drain'

/** The moments in the order cycles go through them: each fresh start is followed by a full pool. */
export const KILL_MOMENTS: readonly KillMoment[] = [
  'just-started',
  'idle',
  'creating',
  'job',
  'some-online',
  'replacement',
  'drain',
]

/** What each moment is, in the report's words, so the figures say what was done. */
export const MOMENT_TEXT: Readonly<Record<KillMoment, string>> = {
  'just-started': 'a fresh `up`, killed 100-1500 ms after it was spawned',
  creating: 'a fresh `up`, killed 0-200 ms after its first registration appeared',
  'some-online': 'a fresh `up`, killed once 1 to size-1 runners were online',
  idle: 'a whole pool, killed 0-1500 ms later',
  job: 'a whole pool given 1 to size jobs of 3 s, killed 0-1000 ms after one started',
  replacement:
    "a whole pool given a 0 s job, killed 0-300 ms after it completed (its runner's replacement under way)",
  drain:
    'a whole pool, killed 0-300 ms after SIGINT, or 50-1500 ms after it while a 2 s job runs (half the cycles)',
}

/** Moments that need an `up` freshly started on an empty pool (the previous one stops cleanly first). */
export function needsFreshStart(moment: KillMoment): boolean {
  return moment === 'just-started' || moment === 'creating' || moment === 'some-online'
}

/** One cycle's plan, drawn up front from the seed so a failing run can be replayed exactly. */
export interface KillPlan {
  readonly cycle: number
  readonly moment: KillMoment
  /** Extra wait once the moment is reached (or since spawn, for `just-started`). */
  readonly delayMs: number
  /** `some-online`: how many runners online; `job`: how many jobs. */
  readonly count: number
  /** `drain`: whether a job runs while draining. */
  readonly withJob: boolean
}

const DELAYS: Readonly<Record<KillMoment, readonly [number, number]>> = {
  'just-started': [100, 1500],
  creating: [0, 200],
  'some-online': [0, 0],
  idle: [0, 1500],
  job: [0, 1000],
  replacement: [0, 300],
  drain: [0, 300],
}
// A drain with a job running lasts until the job ends, so the kill can land later in it.
const DRAIN_WITH_JOB: readonly [number, number] = [50, 1500]

/** The plans of `cycles` cycles for a pool of `size`, from `random` (a seeded generator). */
export function planKills(cycles: number, size: number, random: () => number): KillPlan[] {
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1))
  return Array.from({ length: cycles }, (_, cycle) => {
    const moment = KILL_MOMENTS[cycle % KILL_MOMENTS.length]!
    const withJob = random() < 0.5
    const [low, high] = moment === 'drain' && withJob ? DRAIN_WITH_JOB : DELAYS[moment]
    return {
      cycle,
      moment,
      delayMs: between(low, high),
      count: moment === 'some-online' ? between(1, size - 1) : between(1, size),
      withJob,
    }
  })
}
