// The bench's output: the JSON issue 4 specifies, and a table with each figure beside its goal.
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
  }
  apiLatencyMs: number
  scaleUp: Array<{
    runners: number
    engineSeconds: number
    sequentialSeconds: number
    limitSeconds: number
  }>
  replacementGap: { p50Ms: number; p95Ms: number; pool: number; jobs: number; samples: number }
  statusLatency: { p50Ms: number; p95Ms: number }
  logs: { linesPerSecond: number; peakRssMb: number; lines: number; received: number }
  apiBudget: {
    requestsPerHour: number
    notModifiedPerHour: number
    idleRunners: number
    seconds: number
  }
  idle: { cpuPercent: number; rssMb: number }
  /** Reference times the goals are stated in: one container start and one API round trip. */
  reference: { containerStartMs: number; apiRoundTripMs: number }
}

/** One line of the goal table. */
interface GoalLine {
  readonly what: string
  readonly figure: string
  readonly goal: string
  readonly met: boolean
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
      figure: `${round(vsSequential, 1)}x faster`,
      goal: '>= 3x faster',
      met: vsSequential >= 3,
    })
    lines.push({
      what: 'scale-up to 10 vs limit',
      figure: `${round(vsLimit, 2)}x the limit`,
      goal: '<= 2x the limit',
      met: vsLimit <= 2,
    })
  }
  lines.push({
    what: 'replacement gap p50',
    figure: `${round(r.replacementGap.p50Ms, 0)} ms`,
    goal: `< ${round(gapGoal, 0)} ms (start + round trip)`,
    met: r.replacementGap.p50Ms < gapGoal,
  })
  lines.push({
    what: 'status latency p95',
    figure: `${round(r.statusLatency.p95Ms, 1)} ms`,
    goal: '< 100 ms',
    met: r.statusLatency.p95Ms < 100,
  })
  lines.push({
    what: 'log throughput',
    figure: `${round(r.logs.linesPerSecond, 0)} lines/s, peak ${round(r.logs.peakRssMb, 0)} MB`,
    goal: '>= 50,000 lines/s, bounded',
    met: r.logs.linesPerSecond >= 50_000 && r.logs.received === r.logs.lines,
  })
  lines.push({
    what: 'idle API use',
    figure: `${round(r.apiBudget.requestsPerHour, 1)} req/h (${round(r.apiBudget.notModifiedPerHour, 1)} were 304)`,
    goal: '<= 60 req/h',
    met: r.apiBudget.requestsPerHour <= 60,
  })
  lines.push({
    what: 'idle CPU',
    figure: `${round(r.idle.cpuPercent, 2)} %`,
    goal: '< 1 %',
    met: r.idle.cpuPercent < 1,
  })
  return lines
}

/** The human-readable report. */
export function formatReport(r: BenchResult): string {
  const out: string[] = []
  out.push(
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, ${r.machine.os}, Node ${r.machine.node}, Docker ${r.machine.docker}`,
  )
  out.push(
    `API latency injected: ${r.apiLatencyMs} ms per call; one container start ${round(r.reference.containerStartMs, 0)} ms; one API round trip ${round(r.reference.apiRoundTripMs, 0)} ms`,
  )
  out.push('')
  out.push('Scale-up (seconds until N runners listen)')
  out.push('  N   engine  sequential   limit   sequential/engine   engine/limit')
  for (const s of r.scaleUp) {
    out.push(
      `  ${String(s.runners).padEnd(3)} ${s.engineSeconds.toFixed(2).padStart(6)}  ${s.sequentialSeconds.toFixed(2).padStart(10)}  ${s.limitSeconds.toFixed(2).padStart(6)}   ${(s.sequentialSeconds / s.engineSeconds).toFixed(1).padStart(16)}x  ${(s.engineSeconds / s.limitSeconds).toFixed(2).padStart(12)}x`,
    )
  }
  const ten = r.scaleUp.find((s) => s.runners === 10)
  if (ten)
    out.push(
      `  (at 10 the limit itself is ${(ten.sequentialSeconds / ten.limitSeconds).toFixed(1)}x faster than sequential: no engine can beat that ratio on this machine)`,
    )
  out.push('')
  out.push(
    `Replacement gap (pool ${r.replacementGap.pool}, ${r.replacementGap.jobs} jobs, ${r.replacementGap.samples} samples): p50 ${round(r.replacementGap.p50Ms, 0)} ms, p95 ${round(r.replacementGap.p95Ms, 0)} ms`,
  )
  out.push(
    `Status latency (Docker event -> WebSocket client): p50 ${round(r.statusLatency.p50Ms, 1)} ms, p95 ${round(r.statusLatency.p95Ms, 1)} ms`,
  )
  out.push(
    `Logs: ${r.logs.received}/${r.logs.lines} lines at ${round(r.logs.linesPerSecond, 0)} lines/s; peak RSS ${round(r.logs.peakRssMb, 0)} MB`,
  )
  out.push(
    `Idle API use (${r.apiBudget.idleRunners} runners, ${r.apiBudget.seconds} s): ${round(r.apiBudget.requestsPerHour, 1)} requests/hour, ${round(r.apiBudget.notModifiedPerHour, 1)} of them 304`,
  )
  out.push(`Idle cost: CPU ${round(r.idle.cpuPercent, 2)} %, RSS ${round(r.idle.rssMb, 0)} MB`)
  out.push('')
  out.push('Goals')
  for (const g of goals(r))
    out.push(`  ${g.met ? 'MET   ' : 'MISSED'} ${g.what}: ${g.figure} (goal ${g.goal})`)
  return out.join('\n')
}
