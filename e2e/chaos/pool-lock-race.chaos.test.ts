// Processes racing for one stale pool lock, many times: exactly one may win each round, and a
// stale lock (a dead pid, or a live pid whose start time differs) must always be taken over.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { POOL_LOCK_FILE } from '../../main/engine/pool-lock'
import { formatLockRecord, type LockRecord } from '../../main/engine/pool-lock-record'
import { createProcessProbe } from '../../main/engine/process-identity'
import {
  describeMachine,
  RESULTS_FORMAT,
  writeSuiteResults,
} from '../../scripts/reliability-results'

const ROOT = path.resolve(__dirname, '../..')
const CONTENDER = path.join(__dirname, 'lock-contender.ts')
const ROUNDS = Number(process.env.CHAOS_LOCK_ROUNDS ?? 500)
const children: ChildProcess[] = []
/** Lock folders to remove however the test ends. */
const folders: string[] = []

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  for (const folder of folders) await rm(folder, { recursive: true, force: true })
})

function contender(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  children.push(child)
  return new Promise((resolve) => child.once('message', () => resolve(child)))
}

function ask<T>(child: ChildProcess, message: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T))
    child.send(message)
  })
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10
  )
}

it(`lets exactly one of 2-4 processes take a stale lock, ${ROUNDS} rounds`, async () => {
  const started = Date.now()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-lock-race-'))
  folders.push(dir)
  const probe = createProcessProbe()
  const racers = await Promise.all([contender(), contender(), contender(), contender()])
  // Two kinds of stale lock: a dead process's, and a live process's whose start time differs.
  const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  const deadPid = dead.pid!
  await new Promise((resolve) => dead.once('exit', resolve))
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' })
  children.push(live)
  const boot = await probe.boot()
  const base = { host: os.hostname(), boot }
  const stale: Array<[string, Omit<LockRecord, 'nonce'>]> = [
    ['dead pid', { ...base, pid: deadPid, start: '1' }],
    ['reused pid (alive, other start time)', { ...base, pid: live.pid!, start: '1' }],
  ]
  const byRacers = new Map<
    number,
    { rounds: number; wins: number; doubles: number; none: number }
  >()
  const byKind = new Map<string, number>()
  const winnerMs: number[] = []
  const loserMs: number[] = []
  let strays = 0
  for (let round = 0; round < ROUNDS; round++) {
    const count = 2 + (round % 3)
    const [kind, record] = stale[round % stale.length]!
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1)
    await writeFile(
      path.join(dir, POOL_LOCK_FILE),
      formatLockRecord({ ...record, nonce: round.toString(16).padStart(32, 'a') }),
    )
    const at = Date.now() + 15
    const results = await Promise.all(
      racers
        .slice(0, count)
        .map((c) => ask<{ ok: boolean; ms: number }>(c, { type: 'acquire', dir, at })),
    )
    const wins = results.filter((r) => r.ok).length
    const row = byRacers.get(count) ?? { rounds: 0, wins: 0, doubles: 0, none: 0 }
    row.rounds++
    if (wins === 1) row.wins++
    else if (wins > 1) row.doubles++
    else row.none++
    byRacers.set(count, row)
    for (const r of results) (r.ok ? winnerMs : loserMs).push(r.ms)
    await Promise.all(racers.slice(0, count).map((c) => ask(c, { type: 'release' })))
    strays += (await readdir(dir)).filter((name) => name !== POOL_LOCK_FILE).length
  }
  await rm(dir, { recursive: true, force: true })
  const rows = [...byRacers.entries()].sort(([a], [b]) => a - b)
  const doubles = rows.reduce((sum, [, r]) => sum + r.doubles, 0)
  const none = rows.reduce((sum, [, r]) => sum + r.none, 0)
  const passed = doubles === 0 && none === 0 && strays === 0
  await writeSuiteResults(ROOT, {
    format: RESULTS_FORMAT,
    suite: 'pool-lock-race',
    title: 'Processes racing for one stale pool lock',
    order: 30,
    ranAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    command: 'npm run test:chaos -- pool-lock-race',
    machine: describeMachine(),
    passed,
    summary: `${ROUNDS} rounds: a stale lock file is written (alternately a dead process's, and a live process's with another start time, as after a reboot that reused its pid), then 2, 3 or 4 real processes call \`acquirePoolLock\` at the same millisecond. Exactly one must win; the others must be refused because the winner holds it.`,
    figures: [
      { label: 'rounds', value: ROUNDS },
      { label: 'rounds with two or more winners', value: doubles, bound: '0', ok: doubles === 0 },
      { label: 'rounds with no winner', value: none, bound: '0', ok: none === 0 },
      { label: 'takeover files left behind', value: strays, bound: '0', ok: strays === 0 },
      {
        label: 'winner: median time to take the stale lock',
        value: percentile(winnerMs, 0.5),
        unit: 'ms',
      },
      { label: 'winner: 95th percentile', value: percentile(winnerMs, 0.95), unit: 'ms' },
      { label: 'loser: median time to be refused', value: percentile(loserMs, 0.5), unit: 'ms' },
    ],
    tables: [
      {
        title: 'By number of racers',
        columns: ['racers', 'rounds', 'exactly one winner', 'two or more', 'none'],
        rows: rows.map(([count, r]) => [count, r.rounds, r.wins, r.doubles, r.none]),
      },
      {
        title: 'By kind of stale lock',
        columns: ['stale lock', 'rounds'],
        rows: [...byKind.entries()],
      },
    ],
    notes: [
      'Before this change (commit e8b24d5), the race in main/engine/pool-lock.test.ts had two winners in its first round.',
      'How a holder is identified: Linux records /proc/<pid>/stat field 22 (start time in clock ticks since boot) and /proc/sys/kernel/random/boot_id; macOS records `ps -o lstart=` and `sysctl -n kern.boottime` (not run on these machines); Windows has neither without spawning PowerShell, so there a live pid keeps its lock and the message names the file to delete. Anything that cannot be told apart from the holder counts as the holder: a wrong "stale" would run two pools on one installation.',
      'How a stale lock is taken over: the lock file is created whole with a hard link (link fails if it exists, so no reader sees half a file); to remove a stale instance a process must first create `pool.lock.claim-<instance>` the same way and find the instance still in place, so two processes can never both remove it and then both create their own. A claim left by a process that died mid-takeover is judged and taken over one level down.',
    ],
  })
  expect(doubles).toBe(0)
  expect(none).toBe(0)
  expect(strays).toBe(0)
})
