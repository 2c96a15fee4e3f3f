import { describe, expect, it } from 'vitest'
import type { CacheList } from '../../common/cache-status'
import { formatCacheTable } from './cache-table'

const list: CacheList = {
  enabled: true,
  limitBytes: 20_000_000_000,
  totalBytes: 1_300_000_000,
  caches: [
    { key: 'github.com/acme', bytes: 1_200_000_000, inUse: 2, retired: false },
    { key: 'github.com/octo/app', bytes: 100_000_000, inUse: 0, retired: false },
    { key: 'github.com/octo/app', bytes: 50_000_000, inUse: 1, retired: true },
  ],
}

describe('formatCacheTable', () => {
  it('shows each cache, who uses it, and the total against the cap', () => {
    expect(formatCacheTable(list)).toBe(
      [
        'TARGET               SIZE    STATE',
        'github.com/acme      1.2 GB  in use by 2 runners',
        'github.com/octo/app  100 MB  idle',
        'github.com/octo/app  50 MB   cleared; goes when its runner ends',
        'Total 1.3 GB of a 20 GB cap.',
      ].join('\n'),
    )
  })

  it('keeps one target, and says so when caches are off or empty', () => {
    expect(formatCacheTable(list, 'github.com/acme').split('\n')).toHaveLength(3)
    const off = formatCacheTable({ ...list, enabled: false, caches: [], totalBytes: 0 })
    expect(off).toMatch(/^Caches are off/)
    expect(off).toMatch(/No caches yet/)
    expect(formatCacheTable(list, 'github.com/none')).toMatch(/No cache for github.com\/none\./)
  })
})
