import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { err, ok, type Result } from '../../common/result'

/** Held while a process runs this installation's pool; `release` is idempotent. */
export interface PoolLock {
  readonly path: string
  release(): Promise<void>
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * One pool per installation at a time: two processes (the app and `runnerdock up`) managing the
 * same containers would remove each other's runners. A lock left by a crashed process is taken over.
 */
export async function acquirePoolLock(
  dir: string,
  pid = process.pid,
): Promise<Result<PoolLock, string>> {
  const path = join(dir, 'pool.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600)
      await handle.writeFile(String(pid))
      await handle.close()
      let released = false
      return ok({
        path,
        release: async () => {
          if (released) return
          released = true
          await rm(path, { force: true })
        },
      })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        return err(`Could not create ${path}: ${(error as Error).message}`)
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder)) {
        return err(
          `Another RunnerDock process (pid ${holder}) is already running this machine's runner pool. Stop it first (or use that one).`,
        )
      }
      await rm(path, { force: true })
    }
  }
  return err(`Could not take the pool lock at ${path}.`)
}
