import { parseArgs } from 'node:util'

/** What a bench run measures and how long it may take. */
export interface BenchOptions {
  readonly latencyMs: number
  readonly sizes: readonly number[]
  /** Scale-up rounds per size; the report gives each method's median. */
  readonly rounds: number
  readonly jobs: number
  readonly budgetSeconds: number
  readonly logLines: number
  /** The demand section's workload runs this many times faster than full length. */
  readonly demandScale: number
  /** Only the demand section. */
  readonly demandOnly: boolean
  readonly json: string | null
}

/** The usage text `--help` prints. */
export const BENCH_USAGE = `npm run bench -- [options]
  --latency-ms N      milliseconds the emulator adds to every GitHub API call (default 150)
  --budget-seconds N  idle window for API use, CPU and memory (default 120: one list interval)
  --rounds N          scale-up repetitions per size, medians reported (default 3)
  --quick             a shorter run (~1 minute): sizes 1, 5, 10, one round, 8 jobs, 50,000 log
                      lines, a 30 s idle window (too short to judge idle API use), demand at 1/20
  --demand-scale N    run the demand workload N times faster than full length (default 8: about
                      8 minutes for its 3 scenarios; 1 is the full workload, about an hour)
  --demand-only       run the demand section alone
  --json FILE         also write the figures as JSON`

/** Reads `npm run bench -- [options]` (see BENCH_USAGE). */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'latency-ms': { type: 'string', default: '150' },
      'budget-seconds': { type: 'string' },
      rounds: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'demand-scale': { type: 'string' },
      'demand-only': { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help === true) return 'help'
  const number = (name: string, text: string, min: number): number => {
    const value = Number(text)
    if (!Number.isFinite(value) || value < min)
      throw new Error(`--${name} must be a number of at least ${min}, got ${text}`)
    return value
  }
  const quick = values.quick === true
  return {
    latencyMs: number('latency-ms', values['latency-ms'] ?? '150', 0),
    sizes: quick ? [1, 5, 10] : [1, 5, 10, 20],
    rounds: Math.round(number('rounds', values.rounds ?? (quick ? '1' : '3'), 1)),
    jobs: quick ? 8 : 20,
    budgetSeconds: number('budget-seconds', values['budget-seconds'] ?? (quick ? '30' : '120'), 5),
    logLines: quick ? 50_000 : 200_000,
    demandScale: number('demand-scale', values['demand-scale'] ?? (quick ? '20' : '8'), 1),
    demandOnly: values['demand-only'] === true,
    json: values.json ?? null,
  }
}
