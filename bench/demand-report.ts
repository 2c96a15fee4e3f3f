// The demand section's figures (issue 8, item 6): per scenario, pickup latency, idle runner-time
// and GitHub requests that were not 304, during the workload and in a quiet window; the goals
// checked here, printed beside the figures and their ratios.
import type { GoalLine } from './report'
import { round } from './stats'

/** One window of a scenario: the workload, or the quiet time after it. */
export interface DemandWindow {
  readonly seconds: number
  readonly idleRunnerMinutes: number
  readonly requests: number
  readonly notModified: number
  /**
   * Requests not answered 304, per watched repository, per hour of the time this window stands for
   * (its length times the scale): they follow jobs and changes, which the scale compresses, while
   * the polls that a quiet pool keeps making are answered 304.
   */
  readonly non304PerHourPerRepo: number
  /** Requests per route (all answers). */
  readonly byRoute: Readonly<Record<string, number>>
}

/** One scenario's figures. */
export interface DemandScenarioResult {
  readonly name: string
  readonly kind: 'fixed' | 'on-demand'
  readonly pickup: {
    readonly p50Ms: number
    readonly p95Ms: number
    readonly maxMs: number
    readonly burstP95Ms: number
    readonly trickleP95Ms: number
    readonly samples: number
  }
  /** Runners the pool made during the workload and the quiet window. */
  readonly runnersMade: number
  readonly work: DemandWindow
  readonly quiet: DemandWindow
}

/** The whole section. */
export interface DemandResult {
  /** Every duration of the workload (gaps, job length, quiet window, idle timeout) divided by this. */
  readonly scale: number
  readonly startupDelayMs: number
  readonly apiLatencyMs: number
  readonly repositories: number
  readonly burstJobs: number
  readonly trickleJobs: number
  readonly jobSeconds: number
  readonly quietSeconds: number
  readonly idleTimeoutMs: number
  /** How often a repository with recent work is read (the pool's default). */
  readonly activePollMs: number
  readonly scenarios: readonly DemandScenarioResult[]
}

const find = (r: DemandResult, name: string) => r.scenarios.find((s) => s.name === name)

/** The scenario names, as `measureDemand` runs them. */
export const SCENARIOS = {
  fixed2: 'fixed 2 per repository',
  fixed4: 'fixed 4 per repository',
  onDemand: 'on demand (min 1, max 12)',
} as const

/** Issue 8's goals for the on-demand scenario. */
export function demandGoals(r: DemandResult): GoalLine[] {
  const demand = find(r, SCENARIOS.onDemand)
  const fixed4 = find(r, SCENARIOS.fixed4)
  if (!demand) return []
  const pickupGoal = r.activePollMs + r.startupDelayMs + 2000
  const lines: GoalLine[] = [
    {
      what: 'on demand: pickup p95',
      figure: `${round(demand.pickup.p95Ms / 1000, 1)} s`,
      goal: `<= ${round(pickupGoal / 1000, 1)} s (poll ${r.activePollMs / 1000} s + start-up ${r.startupDelayMs / 1000} s + 2 s)`,
      met: demand.pickup.p95Ms <= pickupGoal,
    },
  ]
  if (fixed4) {
    const share = demand.work.idleRunnerMinutes / fixed4.work.idleRunnerMinutes
    lines.push({
      what: 'on demand: idle runner-minutes vs fixed 4',
      figure: `${round(100 * share, 1)} % (${round(demand.work.idleRunnerMinutes, 2)} of ${round(fixed4.work.idleRunnerMinutes, 2)})`,
      goal: '<= 25 %',
      met: share <= 0.25,
    })
  }
  lines.push({
    what: 'on demand: quiet hour',
    figure: `${round(demand.quiet.non304PerHourPerRepo, 1)} non-304 requests per repository`,
    goal: '<= 30',
    met: demand.quiet.non304PerHourPerRepo <= 30,
  })
  return lines
}

const cell = (text: string, width: number) => text.padStart(width)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a')

/** The section as printed. */
export function formatDemand(r: DemandResult): string {
  const out: string[] = []
  out.push(
    `Demand: ${r.repositories} repositories; a burst of ${r.burstJobs} jobs, then a trickle of ${r.trickleJobs} at random intervals; stand-in start-up delay ${r.startupDelayMs / 1000} s, API latency ${r.apiLatencyMs} ms`,
  )
  out.push(
    `Time scale 1/${r.scale}: jobs of ${round(r.jobSeconds, 2)} s, trickle gaps, a quiet window of ${round(r.quietSeconds, 0)} s and the on-demand idle timeout of ${round(r.idleTimeoutMs / 1000, 0)} s are ${r.scale === 1 ? 'full length' : `the full workload's divided by ${r.scale}`}; start-up delay, API latency and the pool's poll intervals are real`,
  )
  out.push(
    '  scenario                     pickup p50  pickup p95   idle runner-min  non-304/h/repo  | quiet: idle runner-min  non-304/h/repo  | runners made',
    ...(r.scale === 1
      ? []
      : [
          `  (idle runner-minutes as measured; non-304 requests per hour of the full-length time, ${r.scale} x the window)`,
        ]),
  )
  for (const s of r.scenarios)
    out.push(
      `  ${s.name.padEnd(27)} ${cell(seconds(s.pickup.p50Ms), 11)} ${cell(seconds(s.pickup.p95Ms), 11)} ${cell(round(s.work.idleRunnerMinutes, 2).toFixed(2), 17)} ${cell(round(s.work.non304PerHourPerRepo, 1).toFixed(1), 15)}  | ${cell(round(s.quiet.idleRunnerMinutes, 2).toFixed(2), 22)} ${cell(round(s.quiet.non304PerHourPerRepo, 1).toFixed(1), 15)}  | ${cell(String(s.runnersMade), 12)}`,
    )
  const demand = find(r, SCENARIOS.onDemand)
  for (const base of [find(r, SCENARIOS.fixed2), find(r, SCENARIOS.fixed4)])
    if (demand && base)
      out.push(
        `  on demand / ${base.name}: pickup p95 ${ratio(demand.pickup.p95Ms, base.pickup.p95Ms)}, idle runner-minutes ${ratio(demand.work.idleRunnerMinutes, base.work.idleRunnerMinutes)} (quiet ${ratio(demand.quiet.idleRunnerMinutes, base.quiet.idleRunnerMinutes)}), non-304 requests ${ratio(demand.work.non304PerHourPerRepo, base.work.non304PerHourPerRepo)} (quiet ${ratio(demand.quiet.non304PerHourPerRepo, base.quiet.non304PerHourPerRepo)})`,
      )
  for (const s of r.scenarios)
    out.push(
      `  ${s.name}: burst p95 ${seconds(s.pickup.burstP95Ms)}, trickle p95 ${seconds(s.pickup.trickleP95Ms)}, longest ${seconds(s.pickup.maxMs)}; workload ${round(s.work.seconds, 0)} s, ${s.work.requests} requests (${s.work.notModified} answered 304); quiet ${round(s.quiet.seconds, 0)} s, ${s.quiet.requests} requests (${s.quiet.notModified} answered 304)`,
    )
  out.push('Demand goals')
  for (const g of demandGoals(r)) {
    const verdict = g.met === null ? 'N/A   ' : g.met ? 'MET   ' : 'MISSED'
    out.push(`  ${verdict} ${g.what}: ${g.figure} (goal ${g.goal})`)
  }
  return out.join('\n')
}
