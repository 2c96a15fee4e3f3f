import { parseArgs } from 'node:util'

/** What a bench run measures and how long it may take. */
export interface BenchOptions {
  readonly latencyMs: number
  readonly sizes: readonly number[]
  readonly jobs: number
  readonly budgetSeconds: number
  readonly logLines: number
  readonly json: string | null
}

/** Reads `npm run bench -- [--latency-ms 150] [--quick] [--budget-seconds 150] [--json FILE]`. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'latency-ms': { type: 'string', default: '150' },
      'budget-seconds': { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
    },
  })
  const number = (name: string, text: string): number => {
    const value = Number(text)
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`--${name} must be a number, got ${text}`)
    return value
  }
  const quick = values.quick === true
  return {
    latencyMs: number('latency-ms', values['latency-ms'] ?? '150'),
    sizes: quick ? [1, 5, 10] : [1, 5, 10, 20],
    jobs: quick ? 8 : 20,
    budgetSeconds: number('budget-seconds', values['budget-seconds'] ?? (quick ? '30' : '150')),
    logLines: quick ? 50_000 : 200_000,
    json: values.json ?? null,
  }
}
