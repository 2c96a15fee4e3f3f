import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquirePoolLock, POOL_LOCK_FILE } from './pool-lock'
import { formatLockRecord, type LockRecord } from './pool-lock-record'
import { createProcessProbe } from './process-identity'

const probe = createProcessProbe()
const CONTENDER = path.join(__dirname, '../../e2e/chaos/lock-contender.ts')
let dir: string
const children: ChildProcess[] = []

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'runnerdock-lock-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
})

/** A sleeping process: a real pid with a real start time. */
function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' })
  children.push(child)
  return child
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  )
}

async function recordFor(pid: number, overrides: Partial<LockRecord> = {}): Promise<LockRecord> {
  return {
    pid,
    host: os.hostname(),
    start: await probe.start(pid),
    boot: await probe.boot(),
    nonce: '0123456789abcdef0123456789abcdef',
    ...overrides,
  }
}

async function writeLock(record: LockRecord | string): Promise<void> {
  await writeFile(
    path.join(dir, POOL_LOCK_FILE),
    typeof record === 'string' ? record : formatLockRecord(record),
  )
}

async function holder(): Promise<LockRecord> {
  return JSON.parse(await readFile(path.join(dir, POOL_LOCK_FILE), 'utf8')) as LockRecord
}

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

describe('acquirePoolLock', () => {
  it('records pid, start time, boot and host, and blocks a second taker while held', async () => {
    const lock = await acquirePoolLock(dir)
    expect(lock.ok).toBe(true)
    const record = await holder()
    expect(record).toMatchObject({ pid: process.pid, host: os.hostname() })
    if (process.platform === 'linux') {
      expect(record.start).toMatch(/^\d+$/)
      expect(record.boot).toMatch(/^[0-9a-f-]{36}$/)
    }
    const child = await contender()
    const second = await ask<{ ok: boolean; error: string }>(child, { type: 'acquire', dir, at: 0 })
    expect(second.ok).toBe(false)
    expect(second.error).toContain(`pid ${process.pid}`)
    expect(second.error).toContain(path.join(dir, POOL_LOCK_FILE))
    if (lock.ok) await lock.value.release()
    expect(await readdir(dir)).toEqual([])
    child.kill()
  })

  it('takes over a stale lock whose process is dead', async () => {
    const child = sleeper()
    const record = await recordFor(child.pid!)
    child.kill('SIGKILL')
    await exited(child)
    await writeLock(record)
    const lock = await acquirePoolLock(dir)
    expect(lock.ok).toBe(true)
    expect((await holder()).pid).toBe(process.pid)
  })

  it('takes over a lock whose pid is alive but whose start time differs (a reused pid)', async () => {
    const child = sleeper()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await writeLock(await recordFor(child.pid!, { start: '1' }))
    const lock = await acquirePoolLock(dir)
    expect(lock.ok).toBe(true)
    expect(child.exitCode).toBeNull()
    // The same live process with its real start time does hold it.
    if (lock.ok) await lock.value.release()
    await writeLock(await recordFor(child.pid!))
    const held = await acquirePoolLock(dir)
    expect(held.ok ? '' : held.error).toContain(`pid ${child.pid}`)
    child.kill('SIGKILL')
  })

  it.runIf(process.platform === 'linux')(
    'takes over a lock from an earlier boot, and a bare pid written before its process started',
    async () => {
      const child = sleeper()
      await new Promise((resolve) => setTimeout(resolve, 50))
      await writeLock(await recordFor(child.pid!, { boot: '00000000-0000-0000-0000-000000000000' }))
      expect((await acquirePoolLock(dir)).ok).toBe(true)
      await rm(path.join(dir, POOL_LOCK_FILE))
      // The format before records: a bare pid, here one whose process is younger than the file.
      const file = path.join(dir, POOL_LOCK_FILE)
      await writeFile(file, String(child.pid))
      const { utimes } = await import('node:fs/promises')
      await utimes(file, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000))
      expect((await acquirePoolLock(dir)).ok).toBe(true)
      child.kill('SIGKILL')
    },
  )

  it('lets exactly one of several processes take one stale lock, every time (50 races here, 500 in the chaos suite)', async () => {
    const contenders = await Promise.all([contender(), contender(), contender()])
    const dead = sleeper()
    const stale = await recordFor(dead.pid!)
    dead.kill('SIGKILL')
    await exited(dead)
    const rounds = 50
    let doubles = 0
    for (let round = 0; round < rounds; round++) {
      // Two racers most rounds (the case that matters), three every fifth.
      const racers = round % 5 === 0 ? contenders : contenders.slice(0, 2)
      await writeLock({ ...stale, nonce: round.toString(16).padStart(32, '0') })
      const at = Date.now() + 15
      const results = await Promise.all(
        racers.map((c) => ask<{ ok: boolean }>(c, { type: 'acquire', dir, at })),
      )
      const winners = results.filter((r) => r.ok).length
      if (winners !== 1) doubles++
      expect(winners, `round ${round}`).toBe(1)
      await Promise.all(racers.map((c) => ask(c, { type: 'release' })))
      expect((await readdir(dir)).filter((name) => name !== POOL_LOCK_FILE)).toEqual([])
    }
    expect(doubles).toBe(0)
    for (const c of contenders) c.kill()
  }, 60_000)
})
