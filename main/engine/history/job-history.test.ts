import { appendFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Clock } from '../../../common/clock'
import type { JobRecord } from '../../../common/job-record'
import { testJobRecord } from '../../../common/testing/job-records'
import { JOB_HISTORY_FILE_NAME, openJobHistory, type JobHistoryOptions } from './job-history'

const DAY = 24 * 60 * 60 * 1000
let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-history-'))
  file = path.join(dir, JOB_HISTORY_FILE_NAME)
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const fixedClock = (now: number): Clock => ({ now: () => now, setTimeout: () => () => {} })

// Records sit at 1,000,000 + n ms: the clock is just after them, so age never removes one.
async function opened(options: JobHistoryOptions = {}) {
  const result = await openJobHistory(dir, { clock: fixedClock(2_000_000), ...options })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const job = (n: number, extra: Partial<JobRecord> = {}) =>
  testJobRecord({ id: String(n), job: `job ${n}`, recordedAt: 1_000_000 + n, ...extra })

describe('job history', () => {
  it('keeps appended jobs across a reopen and lists them newest first', async () => {
    const history = await opened()
    for (const n of [1, 2, 3])
      expect(await history.append(job(n))).toEqual({ ok: true, value: undefined })
    await history.close()
    const again = await opened()
    expect((await again.list()).map((r) => r.id)).toEqual(['3', '2', '1'])
    expect(await again.stats()).toMatchObject({
      file,
      records: 3,
      oldestAt: 1_000_001,
      newestAt: 1_000_003,
      invalidLines: 0,
      tornBytesAtOpen: 0,
      problem: null,
    })
    await again.close()
  })

  it('filters by time, repository (any case) and count', async () => {
    const history = await opened()
    await history.append(job(1, { repository: 'octo/app' }))
    await history.append(job(2, { repository: 'octo/lib' }))
    await history.append(job(3, { repository: 'Octo/App' }))
    await history.append(job(4, { repository: null }))
    expect((await history.list({ since: 1_000_002 })).map((r) => r.id)).toEqual(['4', '3', '2'])
    expect((await history.list({ repository: 'OCTO/app' })).map((r) => r.id)).toEqual(['3', '1'])
    expect((await history.list({ limit: 2 })).map((r) => r.id)).toEqual(['4', '3'])
    expect(await history.list({ limit: 0 })).toEqual([])
    await history.close()
  })

  it('keeps memory bounded for a small limit over a long file', async () => {
    const history = await opened()
    for (let n = 1; n <= 50; n++) await history.append(job(n))
    expect((await history.list({ limit: 3 })).map((r) => r.id)).toEqual(['50', '49', '48'])
    await history.close()
  })

  it('skips a torn last line, cuts it off on open, and appends on a fresh line', async () => {
    const history = await opened()
    await history.append(job(1))
    await history.append(job(2))
    await history.close()
    const whole = (await stat(file)).size
    const torn = '{"id":"3","repository":"octo/a'
    await appendFile(file, torn)
    const reader = await opened({ readOnly: true })
    expect((await reader.list()).map((r) => r.id)).toEqual(['2', '1'])
    expect((await stat(file)).size).toBe(whole + torn.length) // a reader never repairs
    const writer = await opened()
    expect((await writer.stats()).tornBytesAtOpen).toBe(torn.length)
    expect((await stat(file)).size).toBe(whole)
    await writer.append(job(4))
    expect((await writer.list()).map((r) => r.id)).toEqual(['4', '2', '1'])
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(4)
    await writer.close()
  })

  it('skips and counts a damaged line in the middle', async () => {
    const history = await opened()
    await history.append(job(1))
    await appendFile(file, 'this is not json\n{"id":"2"}\n')
    await history.close()
    const again = await opened()
    await again.append(job(3))
    expect((await again.list()).map((r) => r.id)).toEqual(['3', '1'])
    expect((await again.stats()).invalidLines).toBe(2)
    await again.close()
  })

  it('appends concurrent records whole, one per line', async () => {
    const history = await opened()
    const results = await Promise.all(Array.from({ length: 60 }, (_, n) => history.append(job(n))))
    expect(results.every((r) => r.ok)).toBe(true)
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
    expect(lines).toHaveLength(60)
    expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(60)
    await history.close()
  })

  it('keeps at most the configured number of jobs, rewriting the file with slack', async () => {
    const history = await opened({ retention: { maxCount: 20 } })
    for (let n = 1; n <= 21; n++) await history.append(job(n))
    expect((await history.stats()).records).toBe(21) // within the 10% slack: no rewrite yet
    await history.append(job(22))
    const ids = (await history.list()).map((r) => Number(r.id))
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => 22 - i))
    await history.close()
    expect(await readdir(dir)).toEqual([JOB_HISTORY_FILE_NAME])
  })

  it('drops jobs older than the age limit when opened', async () => {
    const now = 100 * DAY
    const first = await opened({ clock: fixedClock(now) })
    await first.append(job(1, { recordedAt: now - 40 * DAY }))
    await first.append(job(2, { recordedAt: now - 31 * DAY }))
    await first.append(job(3, { recordedAt: now - 1 * DAY }))
    await first.close()
    const later = await opened({ clock: fixedClock(now) })
    expect((await later.list()).map((r) => r.id)).toEqual(['3'])
    await later.close()
  })

  it('compacts on demand, and what it keeps stays appendable', async () => {
    const now = 100 * DAY
    const history = await opened({ clock: fixedClock(now), retention: { maxAgeMs: 10 * DAY } })
    await history.append(job(1, { recordedAt: now - 10 * DAY - 1 }))
    await history.append(job(2, { recordedAt: now - DAY }))
    expect(await history.compact()).toEqual({ ok: true, value: undefined })
    await history.append(job(3, { recordedAt: now }))
    expect((await history.list()).map((r) => r.id)).toEqual(['3', '2'])
    await history.close()
  })

  it('takes a new policy when the user changes it, and keeps to it afterwards', async () => {
    const history = await opened()
    for (let n = 1; n <= 5; n++) await history.append(job(n))
    await history.compact({ maxAgeMs: 365 * DAY, maxCount: 2 })
    expect((await history.list()).map((r) => r.id)).toEqual(['5', '4'])
    expect((await history.stats()).retention.maxCount).toBe(2)
    await history.close()
  })

  it('follows the file when it is replaced or removed under it, so no record goes astray', async () => {
    const a = await opened()
    const b = await opened()
    await a.append(job(1))
    await b.compact() // b rewrites the file: a's descriptor now points at the old one
    await a.append(job(2))
    expect((await b.list()).map((r) => r.id)).toEqual(['2', '1'])
    await rm(file)
    await a.append(job(3))
    expect((await b.list()).map((r) => r.id)).toEqual(['3'])
    await a.close()
    await b.close()
  })

  it('removes the temp file of a compaction a crash interrupted', async () => {
    await writeFile(`${file}.123.abcd1234.tmp`, 'half a rewrite')
    const history = await opened()
    expect(await readdir(dir)).toEqual([JOB_HISTORY_FILE_NAME])
    await history.close()
  })

  it('refuses a record that does not fit the schema, and writes nothing', async () => {
    const history = await opened()
    const result = await history.append({ ...job(1), startedAt: -5 })
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid' } })
    if (!result.ok) expect(result.error.message).toMatch(/^Job "job 1" was not recorded: startedAt/)
    expect(await history.list()).toEqual([])
    await history.close()
  })

  it('says what to do when the folder cannot hold the history', async () => {
    const blocker = path.join(dir, 'not-a-folder')
    await writeFile(blocker, '')
    const result = await openJobHistory(blocker)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/^Job history is off: .* cannot be opened/)
  })

  it('a reader neither creates the file nor appends', async () => {
    const reader = await opened({ readOnly: true })
    expect(await reader.list()).toEqual([])
    expect(await reader.append(job(1))).toMatchObject({ ok: false, error: { kind: 'read-only' } })
    expect(await readdir(dir)).toEqual([])
  })

  it('answers a closed history with a value, not a crash', async () => {
    const history = await opened()
    await history.close()
    expect(await history.append(job(1))).toMatchObject({ ok: false, error: { kind: 'closed' } })
  })
})
