import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../../common/job-record'
import { testJobRecord, TEST_BASE_TIME } from '../../../common/testing/job-records'
import type { JobQuery } from '../../engine/history/job-history'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import { jobs, TABLE_LIMIT } from './jobs'
import { metrics } from './metrics'

function fakeIo() {
  const out: string[] = []
  const err: string[] = []
  const io: ConsoleIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readSecret: async () => '',
    env: {},
  }
  return { io, out, err }
}

function fakeStore(records: JobRecord[]) {
  const queries: JobQuery[] = []
  return {
    queries,
    list: async (query: JobQuery = {}) => {
      queries.push(query)
      return records.filter((r) => query.since === undefined || r.recordedAt >= query.since)
    },
  }
}

const records = [
  testJobRecord({ id: '2', recordedAt: TEST_BASE_TIME + 2 }),
  testJobRecord({ id: '1', recordedAt: TEST_BASE_TIME + 1 }),
]

describe('runnerdock jobs', () => {
  it('prints one JSON array, newest first, for scripts', async () => {
    const { io, out } = fakeIo()
    expect(await jobs(io, fakeStore(records), { json: true })).toBe(EXIT.ok)
    expect(out).toHaveLength(1)
    expect(JSON.parse(out[0]!)).toEqual(records)
  })

  it('passes --since to the store and prints a table', async () => {
    const { io, out } = fakeIo()
    const store = fakeStore(records)
    const since = TEST_BASE_TIME + 2
    expect(await jobs(io, store, { json: false, since, now: TEST_BASE_TIME })).toBe(EXIT.ok)
    expect(store.queries).toEqual([{ since }])
    expect(out).toHaveLength(1)
    expect(out[0]!.split('\n')).toHaveLength(2)
    expect(out[0]).toMatch(/^WHEN +REPOSITORY/)
  })

  it('says how to get jobs when there are none', async () => {
    const { io, out } = fakeIo()
    await jobs(io, fakeStore([]), { json: false })
    expect(out).toEqual([
      'No jobs recorded yet. Jobs appear here once a RunnerDock runner finishes one.',
    ])
    const again = fakeIo()
    await jobs(again.io, fakeStore([]), { json: false, since: Date.UTC(2026, 0, 1) })
    expect(again.out).toEqual(['No jobs since 2026-01-01T00:00:00.000Z.'])
    const json = fakeIo()
    await jobs(json.io, fakeStore([]), { json: true })
    expect(json.out).toEqual(['[]'])
  })

  it('shows the newest rows of a long history and says how to see more', async () => {
    const many = Array.from({ length: TABLE_LIMIT + 5 }, (_, i) => testJobRecord({ id: `${i}` }))
    const { io, out } = fakeIo()
    await jobs(io, fakeStore(many), { json: false, now: TEST_BASE_TIME })
    expect(out[0]!.split('\n')).toHaveLength(TABLE_LIMIT + 1)
    expect(out[1]).toBe(
      `(newest ${TABLE_LIMIT} of ${TABLE_LIMIT + 5}; use --since 1d or --json for more)`,
    )
  })

  it('reports a history it cannot read and exits 1', async () => {
    const { io, err } = fakeIo()
    const broken = { list: async () => Promise.reject(new Error('EIO: i/o error')) }
    expect(await jobs(io, broken, { json: false })).toBe(EXIT.failed)
    expect(err).toEqual(['Could not read the job history (EIO: i/o error).'])
  })
})

describe('runnerdock metrics', () => {
  it('prints the exposition once', async () => {
    const { io, out } = fakeIo()
    const registry = { exposition: async () => '# HELP a b\n# TYPE a gauge\na 1\n' }
    expect(await metrics(io, registry)).toBe(EXIT.ok)
    expect(out).toEqual(['# HELP a b\n# TYPE a gauge\na 1'])
  })

  it('reports a collection failure and exits 1', async () => {
    const { io, err } = fakeIo()
    const registry = { exposition: () => Promise.reject(new Error('collector threw')) }
    expect(await metrics(io, registry)).toBe(EXIT.failed)
    expect(err).toEqual(['Could not collect the metrics (collector threw).'])
  })
})
