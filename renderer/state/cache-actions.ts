import type { MethodOutput } from '../../common/contract'
import type { StoreKit } from './app-store'
import { settle } from './pool-actions'

/** Actions on the caches that outlive runners (docs/caches.md). */
export interface CacheActions {
  /** Every target's cache, measured now; a failure is a value the card shows in place. */
  listCaches(): Promise<MethodOutput<'listCaches'>>
  /** Clears one target's caches (its key as listed), or all; the outcome is also a toast. */
  clearCaches(key: string | null): Promise<MethodOutput<'clearCaches'>>
}

/** The cache actions, on the store's client. */
export function createCacheActions(kit: StoreKit): CacheActions {
  const { client } = kit
  return {
    listCaches: () => settle(() => client.call('listCaches', {})),
    clearCaches: async (key) => {
      const result = await settle(() =>
        client.call('clearCaches', key === null ? {} : { target: key }),
      )
      kit.toast(result.ok ? 'info' : 'error', result.message)
      return result
    },
  }
}
