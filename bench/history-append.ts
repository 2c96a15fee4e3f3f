// `npx tsx bench/history-append.ts [DIR]`: what durability costs the job history. Appends records
// with each flush mode and reads a full file back; figures for docs/history.md. DIR defaults to a
// temp folder: pass the real config folder's disk to measure that disk.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { testJobRecord } from '../common/testing/job-records'
import { openJobHistory, type FlushMode } from '../main/engine/history/job-history'
import { percentile, round } from './stats'

const APPENDS = 500
const FULL = 10_000

async function appendCost(dir: string, flush: FlushMode): Promise<string> {
  const opened = await openJobHistory(path.join(dir, flush), { flush })
  if (!opened.ok) throw new Error(opened.error.message)
  const samples: number[] = []
  for (let n = 0; n < APPENDS; n++) {
    const started = performance.now()
    const result = await opened.value.append(
      testJobRecord({ id: String(n), recordedAt: Date.now() }),
    )
    if (!result.ok) throw new Error(result.error.message)
    samples.push(performance.now() - started)
  }
  await opened.value.close()
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length
  return `${flush.padEnd(8)} mean ${round(mean, 3)} ms, p50 ${round(percentile(samples, 50), 3)} ms, p99 ${round(percentile(samples, 99), 3)} ms per record`
}

async function readCost(dir: string): Promise<string> {
  const folder = path.join(dir, 'full')
  const writer = await openJobHistory(folder, { flush: 'none' })
  if (!writer.ok) throw new Error(writer.error.message)
  for (let n = 0; n < FULL; n++)
    await writer.value.append(testJobRecord({ id: String(n), recordedAt: Date.now() }))
  await writer.value.close()
  let started = performance.now()
  const reopened = await openJobHistory(folder)
  if (!reopened.ok) throw new Error(reopened.error.message)
  const openMs = performance.now() - started
  started = performance.now()
  const all = await reopened.value.list()
  const listMs = performance.now() - started
  started = performance.now()
  await reopened.value.list({ limit: 50 })
  const lastMs = performance.now() - started
  const { bytes } = await reopened.value.stats()
  await reopened.value.close()
  return `${all.length} records (${round(bytes / 1e6, 1)} MB): open ${round(openMs)} ms, list all ${round(listMs)} ms, newest 50 ${round(lastMs)} ms`
}

async function main(): Promise<void> {
  const given = process.argv[2]
  const dir = await mkdtemp(path.join(given ?? os.tmpdir(), 'runnerdock-history-bench-'))
  try {
    for (const flush of ['none', 'datasync', 'fsync'] as const)
      console.log(await appendCost(dir, flush))
    console.log(await readCost(dir))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

void main()
