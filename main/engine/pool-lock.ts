import { createHash, randomBytes } from 'node:crypto'
import { link, open, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { err, ok, type Result } from '../../common/result'
import {
  formatLockRecord,
  judgeHolder,
  parseLockRecord,
  type HolderVerdict,
  type LockRecord,
} from './pool-lock-record'
import { createProcessProbe, type ProcessProbe } from './process-identity'

/** Held while a process runs this installation's pool; `release` is idempotent. */
export interface PoolLock {
  readonly path: string
  release(): Promise<void>
}

/** What a test may replace: the process probe and the pid recorded as the holder. */
export interface PoolLockOptions {
  readonly probe?: ProcessProbe
  readonly pid?: number
}

/** The lock file's name in the config folder. */
export const POOL_LOCK_FILE = 'pool.lock'

// How often to look again while another process is in the middle of a takeover.
const ATTEMPTS = 200
const BUSY_WAIT_MS = 10

type Created = 'created' | 'exists'

function code(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code
}

/**
 * Creates `path` holding `content` only if it does not exist, atomically and whole: the content
 * is written to a private file first and hard-linked into place (link fails with EEXIST), so no
 * reader ever sees a half-written lock. Where hard links are not supported, `open(wx)`.
 */
async function createExclusive(path: string, content: string): Promise<Created> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temp, content, { mode: 0o600, flag: 'wx' })
  try {
    await link(temp, path)
    return 'created'
  } catch (error) {
    if (code(error) === 'EEXIST') return 'exists'
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes(code(error) as string)) throw error
  } finally {
    await unlink(temp).catch(() => undefined)
  }
  try {
    const handle = await open(path, 'wx', 0o600)
    try {
      await handle.writeFile(content)
    } finally {
      await handle.close()
    }
    return 'created'
  } catch (error) {
    if (code(error) === 'EEXIST') return 'exists'
    throw error
  }
}

interface LockFile {
  readonly record: LockRecord | null
  /** Names this instance of the file, for a takeover that must remove exactly it. */
  readonly instance: string
  readonly writtenAtMs: number
}

// 'gone': the file vanished between two looks; 'busy': an empty file younger than a second is
// still being written (only without hard links).
async function readLockFile(path: string): Promise<LockFile | 'gone' | 'busy'> {
  let text: string
  let writtenAtMs: number
  try {
    ;[text, writtenAtMs] = await Promise.all([
      readFile(path, 'utf8'),
      stat(path).then((s) => s.mtimeMs),
    ])
  } catch (error) {
    if (code(error) === 'ENOENT') return 'gone'
    throw error
  }
  if (text === '' && Date.now() - writtenAtMs < 1000) return 'busy'
  const record = parseLockRecord(text)
  const instance = record?.nonce ?? createHash('sha256').update(text).digest('hex').slice(0, 32)
  return { record, instance, writtenAtMs }
}

/**
 * One pool per installation at a time: two processes (the app and `runnerdock up`) managing the
 * same containers would remove each other's runners. The lock file records the holder's pid with
 * its start time and boot (`LockRecord`), so a pid reused after a reboot does not block the pool
 * forever; a stale lock is taken over atomically, so two processes never both take it
 * (`takeOver`). Failures are values with a message that says what to do.
 */
export async function acquirePoolLock(
  dir: string,
  options: PoolLockOptions = {},
): Promise<Result<PoolLock, string>> {
  const path = join(dir, POOL_LOCK_FILE)
  const probe = options.probe ?? createProcessProbe()
  const pid = options.pid ?? process.pid
  const [start, boot] = await Promise.all([probe.start(pid), probe.boot()])
  const self = { pid, start }
  const mine: LockRecord = {
    pid,
    host: probe.host(),
    start,
    boot,
    nonce: randomBytes(16).toString('hex'),
  }

  async function judge(file: LockFile, selfMayTakeOver: boolean): Promise<HolderVerdict> {
    const holder = file.record?.pid
    return judgeHolder(file.record, {
      host: probe.host(),
      boot,
      alive: holder !== undefined && probe.alive(holder),
      start: holder === undefined ? null : await probe.start(holder),
      writtenAtMs: file.writtenAtMs,
      startedAtMs: holder === undefined ? null : await probe.startedAtMs(holder),
      self: selfMayTakeOver ? self : null,
    })
  }

  // Removes the lock instance `stale` at `target`, and nothing else. Only the process that created
  // `target.claim-<instance>` may remove that instance: the claim is made like the lock itself
  // (atomic, exclusive), and the instance is checked again under it. A claim left by a process
  // that died mid-takeover is itself taken over the same way, one level down.
  async function takeOver(target: string, stale: LockFile, depth: number): Promise<void> {
    if (depth > 3) return
    const claim = `${target}.claim-${stale.instance}`
    if ((await createExclusive(claim, formatLockRecord(mine))) === 'exists') {
      const claimant = await readLockFile(claim)
      if (claimant === 'gone' || claimant === 'busy') return
      if (!(await judge(claimant, false)).held) await takeOver(claim, claimant, depth + 1)
      return
    }
    try {
      const current = await readLockFile(target)
      if (typeof current === 'object' && current.instance === stale.instance)
        await unlink(target).catch(() => undefined)
    } finally {
      await unlink(claim).catch(() => undefined)
    }
  }

  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if ((await createExclusive(path, formatLockRecord(mine))) === 'created')
        return ok(lockHandle(path, mine.nonce))
      const file = await readLockFile(path)
      if (file === 'gone') continue
      if (file === 'busy') {
        await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS))
        continue
      }
      const verdict = await judge(file, true)
      if (verdict.held) {
        const holder = file.record?.pid ?? 'unknown'
        return err(
          `Another RunnerDock process (pid ${holder}, ${verdict.reason}) is already running this machine's runner pool. Stop it first (or use that one). If no RunnerDock process is running, delete ${path}.`,
        )
      }
      await takeOver(path, file, 0)
      // Someone else may be taking it over right now: give them a moment before looking again.
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * BUSY_WAIT_MS))
    }
  } catch (error) {
    return err(`Could not take the pool lock at ${path}: ${(error as Error).message}`)
  }
  return err(
    `Could not take the pool lock at ${path}: other processes kept changing it. Try again in a moment.`,
  )
}

// Release removes the file only while it is still this instance (a takeover by someone who judged
// this process gone must not be undone).
function lockHandle(path: string, nonce: string): PoolLock {
  let released = false
  return {
    path,
    release: async () => {
      if (released) return
      released = true
      const current = await readLockFile(path).catch(() => 'gone' as const)
      if (typeof current === 'object' && current.record?.nonce === nonce)
        await unlink(path).catch(() => undefined)
    },
  }
}
