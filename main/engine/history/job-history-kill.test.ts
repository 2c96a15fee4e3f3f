import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOB_HISTORY_FILE_NAME, openJobHistory } from './job-history'

// A real child process appends in a loop and is SIGKILLed at a random moment. Every record it
// reported (it prints only after the flush) must be there after a reopen, and the file must open.
// The child is bundled once so each start costs plain `node`, not a TypeScript loader.

const RUNS = 20
let root: string
let child: string

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-history-kill-'))
  child = path.join(root, 'append-child.cjs')
  await build({
    entryPoints: [path.join(__dirname, 'testing', 'append-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: child,
    logLevel: 'error',
  })
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

// Write order of a child's record id `run<i>-<n>`.
const order = (id: string) => {
  const [, run, n] = /^run(\d+)-(\d+)$/.exec(id) ?? []
  return Number(run) * 1e7 + Number(n)
}

// Starts the child, kills it `killAfterMs` after it is ready, and returns the ids it reported.
function runAndKill(dir: string, run: string, maxCount: number, killAfterMs: number) {
  return new Promise<{ reported: string[]; stderr: string }>((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dir, run, String(maxCount)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let armed = false
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      if (!armed && stdout.startsWith('ready\n')) {
        armed = true
        setTimeout(() => proc.kill('SIGKILL'), killAfterMs)
      }
    })
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    proc.on('error', reject)
    proc.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself: ${stderr}`))
      // Only complete lines count: a half-printed line was not a promise.
      const lines = stdout.split('\n').slice(0, -1)
      const reported = lines.filter((l) => l.startsWith('appended ')).map((l) => l.slice(9))
      resolve({ reported, stderr })
    })
  })
}

describe('job history under SIGKILL', () => {
  it(`loses no reported record across ${RUNS} kills at random moments`, async () => {
    const unbounded = path.join(root, 'unbounded')
    const bounded = path.join(root, 'bounded')
    const everyReported: string[] = []
    const boundedReported: string[] = []
    let torn = 0
    let unreported = 0
    const MAX = 40
    for (let i = 0; i < RUNS; i++) {
      // Odd runs keep only 40 jobs, so kills also land in the middle of compactions.
      const keepFew = i % 2 === 1
      const killAfterMs = Math.floor(Math.random() * 60)
      const dir = keepFew ? bounded : unbounded
      const { reported } = await runAndKill(dir, `run${i}`, keepFew ? MAX : 1e9, killAfterMs)
      ;(keepFew ? boundedReported : everyReported).push(...reported)

      const reopened = await openJobHistory(dir, { retention: { maxCount: keepFew ? MAX : 1e9 } })
      expect(reopened.ok, `run ${i} (killed after ${killAfterMs} ms): history must open`).toBe(true)
      if (!reopened.ok) return
      const history = reopened.value
      torn += (await history.stats()).tornBytesAtOpen > 0 ? 1 : 0
      const present = (await history.list()).map((r) => r.id)
      const context = `run ${i} (killed after ${killAfterMs} ms)`
      if (!keepFew) {
        const have = new Set(present)
        expect(
          everyReported.filter((id) => !have.has(id)),
          context,
        ).toEqual([])
        unreported = present.length - everyReported.length
      } else {
        // Retention drops the oldest: a reported record may be missing only if it is older than
        // every record kept, and the file must still hold a full window.
        const oldestKept = Math.min(...present.map(order))
        const have = new Set(present)
        const lost = boundedReported.filter((id) => order(id) > oldestKept && !have.has(id))
        expect(lost, context).toEqual([])
        expect(present.length, context).toBeGreaterThanOrEqual(
          Math.min(MAX, boundedReported.length),
        )
      }
      await history.close()
    }
    // Every line of both files is a whole record, and a fresh append still works.
    for (const dir of [unbounded, bounded]) {
      const text = await readFile(path.join(dir, JOB_HISTORY_FILE_NAME), 'utf8')
      expect(text === '' || text.endsWith('\n')).toBe(true)
      for (const line of text.split('\n').slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow()
    }
    expect(everyReported.length + boundedReported.length).toBeGreaterThan(RUNS)
    console.info(
      `SIGKILL test: ${RUNS} kills, ${everyReported.length + boundedReported.length} records reported, ${torn} torn tails repaired on reopen, ${unreported} written but killed before reporting (unbounded file)`,
    )
  })
})
