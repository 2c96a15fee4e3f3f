// The results file every reliability suite writes (e2e/chaos/results/<suite>.json) and
// scripts/reliability-report.ts turns into docs/reliability.md. One file per suite, one section
// per file: a new suite (SIGKILL of the CLI, a killed Docker daemon...) adds its file, nothing else.
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { format, resolveConfig } from 'prettier'
import { z } from 'zod'

/** The format tag; a report refuses files of another version rather than misreading them. */
export const RESULTS_FORMAT = 'runnerdock-reliability/1' as const

/** Where suites write their results, relative to the repository root. */
export const RESULTS_DIR = path.join('e2e', 'chaos', 'results')

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()])

/** One suite's results: what ran, on what machine, the figures, and whether it passed. */
export const suiteResultsSchema = z
  .object({
    format: z.literal(RESULTS_FORMAT),
    /** File name and anchor: kebab-case, unique per suite. */
    suite: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string(),
    /** Sections sort by this, then by suite. */
    order: z.number().default(100),
    ranAt: z.string(),
    durationMs: z.number(),
    /** The command that produces this file. */
    command: z.string(),
    machine: z.record(z.string(), cell),
    passed: z.boolean(),
    /** What was done and what it shows, in a sentence or three. */
    summary: z.string(),
    /** Headline numbers, each with the bound it is held to (if any) and whether it held. */
    figures: z.array(
      z.object({
        label: z.string(),
        value: cell,
        unit: z.string().default(''),
        bound: z.string().nullable().default(null),
        ok: z.boolean().nullable().default(null),
      }),
    ),
    tables: z
      .array(
        z.object({ title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(cell)) }),
      )
      .default([]),
    notes: z.array(z.string()).default([]),
  })
  .strict()
/** One suite's results as written. */
export type SuiteResults = z.input<typeof suiteResultsSchema>
/** One suite's results with defaults filled, as the report reads them. */
export type ParsedSuiteResults = z.output<typeof suiteResultsSchema>

/** The machine a run measured: figures mean little without it. */
export function describeMachine(): Record<string, string | number> {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  }
}

/** Validates and writes a suite's results file (Prettier-formatted, so `prettier --check` passes). */
export async function writeSuiteResults(root: string, results: SuiteResults): Promise<string> {
  const checked = suiteResultsSchema.parse(results)
  const dir = path.join(root, RESULTS_DIR)
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, `${checked.suite}.json`)
  const options = (await resolveConfig(file)) ?? {}
  await writeFile(file, await format(JSON.stringify(results), { ...options, filepath: file }))
  return file
}
