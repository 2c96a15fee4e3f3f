import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readResults, renderReport } from './reliability-report'
import { RESULTS_FORMAT, suiteResultsSchema, writeSuiteResults } from './reliability-results'

const base = {
  format: RESULTS_FORMAT,
  ranAt: '2025-05-01T10:00:00.000Z',
  durationMs: 1234,
  command: 'npm run test:chaos',
  machine: { cores: 2 },
  summary: 'What ran.',
}

describe('reliability report', () => {
  it('renders one section per suite, in order, with figures, tables and notes', () => {
    const results = [
      { ...base, suite: 'b-suite', title: 'B', order: 20, passed: false, figures: [] },
      {
        ...base,
        suite: 'a-suite',
        title: 'A',
        order: 10,
        passed: true,
        figures: [
          { label: 'crashes', value: 0, bound: '0', ok: true },
          { label: 'n', value: 12345 },
        ],
        tables: [{ title: 'T', columns: ['x', 'y'], rows: [['a|b', null]] }],
        notes: ['a note'],
      },
    ].map((r) => suiteResultsSchema.parse(r))
    const text = renderReport(results)
    expect(text.indexOf('## A')).toBeLessThan(text.indexOf('## B'))
    expect(text).toContain('| crashes | 0 | 0 | yes |')
    expect(text).toContain('| n | 12,345 | — | — |')
    expect(text).toContain('| a\\|b | — |')
    expect(text).toContain('- a note')
    expect(text).toContain('| B | FAILED |')
    expect(renderReport([])).toContain('No results yet')
  })

  it('reads back what suites write, and names a file that is not a results file', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-report-'))
    try {
      const file = await writeSuiteResults(root, {
        ...base,
        suite: 'x-suite',
        title: 'X',
        passed: true,
        figures: [{ label: 'f', value: 1 }],
      })
      const dir = path.dirname(file)
      expect((await readResults(dir)).map((r) => r.suite)).toEqual(['x-suite'])
      await writeFile(path.join(dir, 'bad.json'), '{"format":"other"}')
      await expect(readResults(dir)).rejects.toThrow(/bad\.json/)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
