import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import path from 'node:path'

/**
 * Writes `data` so that `file` holds either its old or its new content, never a torn mix, even if
 * the process or the machine dies mid-write: a temp file in the same folder is written, flushed
 * and renamed over the target, then the folder itself is flushed (Linux; elsewhere best effort).
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(data, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDir(path.dirname(file))
}

/** Flushes a folder's entries (a created or renamed file) to disk; best effort off Linux. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot open a folder for flushing; the rename is still atomic there.
  }
}
