import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/write-file-atomic'
import {
  mergePending,
  pendingRegistrationSchema,
  withoutPending,
  type PendingRegistration,
  type PendingRegistrations,
} from './pending-registrations'

/** The file in the config folder. */
export const PENDING_FILE_NAME = 'pending-registrations.json'

/**
 * Pending registrations in `<configDir>/pending-registrations.json`, written atomically. A file
 * that cannot be read as a list is treated as empty: losing it costs only a stale offline
 * registration, which the sweep of our name prefix also finds.
 */
export function pendingRegistrationsFile(dir: string): PendingRegistrations {
  const file = path.join(dir, PENDING_FILE_NAME)
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn)
    queue = next.catch(() => {})
    return next
  }
  const read = async (): Promise<PendingRegistration[]> => {
    const text = await readFile(file, 'utf8').catch(() => '[]')
    try {
      const parsed = z.array(pendingRegistrationSchema).safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : []
    } catch {
      return []
    }
  }
  const write = async (entries: PendingRegistration[]) => {
    await mkdir(dir, { recursive: true })
    await writeFileAtomic(file, `${JSON.stringify(entries, null, 2)}\n`)
  }
  return {
    list: () => serial(read),
    add: (added) =>
      serial(async () => {
        if (added.length > 0) await write(mergePending(await read(), added))
      }),
    remove: (removed) =>
      serial(async () => {
        const current = await read()
        const next = withoutPending(current, removed)
        if (next.length !== current.length) await write(next)
      }),
  }
}
