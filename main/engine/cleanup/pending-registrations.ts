import { z } from 'zod'
import { targetSchema, type Target } from '../../../common/target'

/** A registration a stop could not delete, remembered until a later start deletes it. */
export interface PendingRegistration {
  readonly apiUrl: string
  readonly target: Target
  readonly runnerId: number
  readonly name: string
  readonly since: number
}

/** The file's schema: what was written by this or an earlier version. */
export const pendingRegistrationSchema = z.object({
  apiUrl: z.string().max(2048),
  target: targetSchema,
  runnerId: z.number().int().positive(),
  name: z.string().max(200),
  since: z.number(),
})

/**
 * Registrations left behind by a stop that could not wait for GitHub (issue: a stop never waits on
 * GitHub for long). Kept on disk, so the next start, whichever front end runs it, deletes them.
 */
export interface PendingRegistrations {
  list(): Promise<PendingRegistration[]>
  add(entries: readonly PendingRegistration[]): Promise<void>
  remove(entries: readonly Pick<PendingRegistration, 'apiUrl' | 'runnerId'>[]): Promise<void>
}

const key = (e: Pick<PendingRegistration, 'apiUrl' | 'runnerId'>) => `${e.apiUrl}#${e.runnerId}`

/** Merges `added` into `current`, one entry per API URL and runner id. */
export function mergePending(
  current: readonly PendingRegistration[],
  added: readonly PendingRegistration[],
): PendingRegistration[] {
  const byKey = new Map(current.map((e) => [key(e), e]))
  for (const e of added) if (!byKey.has(key(e))) byKey.set(key(e), e)
  return [...byKey.values()]
}

/** Drops `removed` from `current`. */
export function withoutPending(
  current: readonly PendingRegistration[],
  removed: readonly Pick<PendingRegistration, 'apiUrl' | 'runnerId'>[],
): PendingRegistration[] {
  const gone = new Set(removed.map(key))
  return current.filter((e) => !gone.has(key(e)))
}

/** Kept in memory only: tests, and hosts without a config folder. */
export function memoryPendingRegistrations(): PendingRegistrations {
  let entries: PendingRegistration[] = []
  return {
    list: async () => [...entries],
    add: async (added) => void (entries = mergePending(entries, added)),
    remove: async (removed) => void (entries = withoutPending(entries, removed)),
  }
}
