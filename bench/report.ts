// The bench's output: the JSON issue 4 specifies (plus the counts behind each figure), and a table
// with each figure beside its goal.
import { formatDemand, type DemandResult } from './demand-report'
import type { GapParts } from './gap-analysis'
import { LIST_INTERVAL_SECONDS } from './measure-idle'
import { round } from './stats'

/** Everything one bench run measured. */
export interface BenchResult {
  machine: {
    cpu: string
    cores: number
    memoryGb: number
    os: string
    node: string
    docker: string
    dockerApi: string
  }
  apiLatencyMs: number
  scaleUp: Array<{
    runners: number
    engineSeconds: number
    sequentialSeconds: number
    limitSeconds: number
    rounds: number
    /** Every round's seconds, in order. */
    runs: { engine: number[]; sequential: number[]; limit: number[] }
  }>
  replacementGap: {
    p50Ms: number
    p95Ms: number
    pool: number
    jobs: number
    samples: number
    /** Medians of what the gap is made of. */
    parts: GapParts
    /** The same with a pool of one: no burst of simultaneous replacements. */
    single: { p50Ms: number; p95Ms: number; samples: number; parts: GapParts }
  }
  statusLatency: { p50Ms: number; p95Ms: number; samples: number }
  logs: {
    linesPerSecond: number
    peakRssMb: number
    lines: number
    received: number
    /** The same output read straight from Docker, no engine: the ceiling. */
    dockerAloneLinesPerSecond: number
    rssBeforeMb: number
    retainedHeapMb: number
    storedLines: number
  }
  apiBudget: {
    requestsPerHour: number
    notModifiedPerHour: number
    idleRunners: number
    seconds: number
    requests: number
    notModified: number
    steadyState: boolean
    byRoute: Readonly<Record<string, number>>
  }
  idle: { cpuPercent: number; rssMb: number; heapMb: number }
  /**
   * The same pool with caches on (the app's default): each new runner's private tool cache is
   * seeded by a helper container before its own starts. Null in a run that skipped it.
   */
  caches: {
    scaleUp10: { engineSeconds: number; runs: number[] }
    gap: { p50Ms: number; p95Ms: number; samples: number; parts: GapParts }
  } | null
  /** Reference times the goals are stated in: one container start and one API round trip. */
  reference: { containerStartMs: number; containerCreateMs: number; apiRoundTripMs: number }
  /** Runners on demand against fixed pools (issue 8). */
  demand: DemandResult
  wallSeconds: number
}

/** One line of the goal table; `met` is null when the run was too short to judge. */
export interface GoalLine {
  readonly what: string
  readonly figure: string
  readonly goal: string
  readonly met: boolean | null
}

/** Checks each figure against the goal issue 4 states. */
export function goals(r: BenchResult): GoalLine[] {
  const ten = r.scaleUp.find((s) => s.runners === 10)
  const gapGoal = r.reference.containerStartMs + r.reference.apiRoundTripMs
  const lines: GoalLine[] = []
  if (ten) {
    const vsSequential = ten.sequentialSeconds / ten.engineSeconds
    const vsLimit = ten.engineSeconds / ten.limitSeconds
    lines.push({
      what: 'scale-up to 10 vs sequential',
      figure: `${round(vsSequential, 2)}x faster (the limit: ${round(ten.sequentialSeconds / ten.limitSeconds, 2)}x)`,
      goal: '>= 3x faster',
      met: vsSequential >= 3,
    })
    lines.push({
      what: 'scale-up to 10 vs limit',
      figure: `${round(vsLimit, 2)}x the limit`,
      goal: '<= 2x the limit; <= 1.15x after the redesign (issue 7)',
      met: vsLimit <= 1.15,
    })
  }
  lines.push({
    what: 'replacement gap p50',
    figure: `${round(r.replacementGap.p50Ms, 0)} ms`,
    goal: `< ${round(gapGoal, 0)} ms (one start + one round trip)`,
    met: r.replacementGap.p50Ms < gapGoal,
  })
  lines.push({
    what: 'status latency p95',
    figure: `${round(r.statusLatency.p95Ms, 1)} ms`,
    goal: '< 100 ms',
    met: r.statusLatency.p95Ms < 100,
  })
  const bounded = r.logs.received === r.logs.lines && r.logs.storedLines < r.logs.lines
  lines.push({
    what: 'log throughput',
    figure: `${round(r.logs.linesPerSecond, 0)} lines/s; keeps ${r.logs.storedLines} of ${r.logs.lines} lines, ${round(r.logs.retainedHeapMb, 1)} MB heap after`,
    goal: '>= 50,000 lines/s, bounded',
    met: r.logs.linesPerSecond >= 50_000 && bounded,
  })
  lines.push({
    what: 'idle API use',
    figure: `${round(r.apiBudget.requestsPerHour, 1)} req/h, ${round(r.apiBudget.notModifiedPerHour, 1)} of them 304`,
    goal: '<= 60 req/h',
    met:
      r.apiBudget.seconds + 1 >= LIST_INTERVAL_SECONDS ? r.apiBudget.requestsPerHour <= 60 : null,
  })
  lines.push({
    what: 'idle CPU',
    figure: `${round(r.idle.cpuPercent, 2)} %`,
    goal: '< 1 %',
    met: r.idle.cpuPercent < 1,
  })
  return lines
}

const seconds = (s: number) => s.toFixed(2).padStart(6)

/** The human-readable report. */
export function formatReport(r: BenchResult): string {
  const m = r.machine
  const out: string[] = []
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, Docker ${m.docker} (API ${m.dockerApi})`,
  )
  out.push(
    `API latency injected: ${r.apiLatencyMs} ms per call. One API round trip: ${round(r.reference.apiRoundTripMs, 0)} ms; one container start (create -> listening, idle daemon): ${round(r.reference.containerStartMs, 0)} ms, of which create ${round(r.reference.containerCreateMs, 0)} ms`,
  )
  out.push('')
  const rounds = r.scaleUp[0]?.rounds ?? 1
  out.push(
    `Scale-up: seconds from desired = N to N runners listening${rounds > 1 ? ` (median of ${rounds} rounds)` : ''}`,
  )
  out.push('  N    engine  sequential   limit   sequential/engine  engine/limit  sequential/limit')
  for (const s of r.scaleUp) {
    const ratio = (x: number) => `${x.toFixed(2)}x`
    out.push(
      `  ${String(s.runners).padEnd(3)} ${seconds(s.engineSeconds)}  ${seconds(s.sequentialSeconds).padStart(10)}  ${seconds(s.limitSeconds)}   ${ratio(s.sequentialSeconds / s.engineSeconds).padStart(17)}  ${ratio(s.engineSeconds / s.limitSeconds).padStart(12)}  ${ratio(s.sequentialSeconds / s.limitSeconds).padStart(16)}`,
    )
  }
  out.push('')
  const gap = r.replacementGap
  out.push(
    `Replacement gap (pool ${gap.pool}, ${gap.jobs} jobs, ${gap.samples} samples): p50 ${round(gap.p50Ms, 0)} ms, p95 ${round(gap.p95Ms, 0)} ms`,
  )
  const describeParts = (parts: GapParts) =>
    `engine reacts ${round(parts.reactMs, 0)} ms, JIT config ${round(parts.registerMs, 0)} ms (spares ready for ${parts.spares}/${parts.samples}), Docker create+start ${round(parts.dockerMs, 0)} ms, runner boot ${round(parts.bootMs, 0)} ms`
  out.push(`  median parts: ${describeParts(gap.parts)}`)
  out.push(
    `  pool of 1 (no burst of replacements, ${gap.single.samples} samples): p50 ${round(gap.single.p50Ms, 0)} ms, p95 ${round(gap.single.p95Ms, 0)} ms; ${describeParts(gap.single.parts)}`,
  )
  if (r.caches) {
    const c = r.caches
    const limit = r.scaleUp.find((s) => s.runners === 10)?.limitSeconds
    out.push(
      `With caches on (the default; a helper container seeds each new runner's tool cache): scale-up to 10 ${c.scaleUp10.engineSeconds.toFixed(2)} s${limit ? ` (${round(c.scaleUp10.engineSeconds / limit, 2)}x the limit)` : ''}; replacement gap (pool 3, ${c.gap.samples} samples) p50 ${round(c.gap.p50Ms, 0)} ms, p95 ${round(c.gap.p95Ms, 0)} ms; ${describeParts(c.gap.parts)}`,
    )
  }
  out.push(
    `Status latency (Docker die event -> WebSocket client, ${r.statusLatency.samples} samples): p50 ${round(r.statusLatency.p50Ms, 1)} ms, p95 ${round(r.statusLatency.p95Ms, 1)} ms`,
  )
  const logs = r.logs
  out.push(
    `Logs: ${logs.received}/${logs.lines} lines at ${round(logs.linesPerSecond, 0)} lines/s (Docker alone: ${round(logs.dockerAloneLinesPerSecond, 0)} lines/s); RSS ${round(logs.rssBeforeMb, 0)} MB before, peak ${round(logs.peakRssMb, 0)} MB; afterwards the engine keeps ${logs.storedLines} lines (${round(logs.retainedHeapMb, 1)} MB live heap)`,
  )
  const api = r.apiBudget
  out.push(
    `Idle API use (${api.idleRunners} runners, ${round(api.seconds, 0)} s${api.steadyState ? ', steady state' : ''}): ${api.requests} requests (${api.notModified} answered 304) = ${round(api.requestsPerHour, 1)} requests/hour, ${round(api.notModifiedPerHour, 1)} of them 304`,
  )
  for (const [route, count] of Object.entries(api.byRoute)) out.push(`  ${count} x ${route}`)
  out.push(
    `Idle cost: CPU ${round(r.idle.cpuPercent, 3)} %, RSS ${round(r.idle.rssMb, 0)} MB, live heap ${round(r.idle.heapMb, 0)} MB`,
  )
  out.push('')
  out.push('Goals')
  for (const g of goals(r)) {
    const verdict = g.met === null ? 'N/A   ' : g.met ? 'MET   ' : 'MISSED'
    out.push(`  ${verdict} ${g.what}: ${g.figure} (goal ${g.goal})`)
  }
  if (api.seconds + 1 < LIST_INTERVAL_SECONDS)
    out.push(
      `  (idle API use is not judged: the window is shorter than the engine's ${LIST_INTERVAL_SECONDS} s list interval)`,
    )
  out.push('')
  out.push(formatDemand(r.demand))
  return out.join('\n')
}
