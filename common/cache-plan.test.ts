import { describe, expect, it } from 'vitest'
import {
  cacheKey,
  cacheKeyOf,
  currentCaches,
  keysToRenew,
  nextGeneration,
  planCapEviction,
  retiredCaches,
  volumesToClear,
  type CacheVolume,
} from './cache-plan'

const GB = 1_000_000_000
const vol = (name: string, key: string | null, generation: string, bytes = 0, inUse = 0) =>
  ({ name, key, generation, bytes, inUse }) satisfies CacheVolume

describe('cacheKey', () => {
  it.each([
    ['github.com', { kind: 'repo', owner: 'Octo', repo: 'App' }, 'github.com/octo/app'],
    ['ghe.example.com:8443', { kind: 'org', org: 'Acme' }, 'ghe.example.com:8443/acme'],
  ] as const)('%s %j -> %s', (host, target, key) => {
    expect(cacheKey(host, target)).toBe(key)
  })
})

describe('cacheKeyOf', () => {
  it.each([
    ['octo/app', 'github.com/octo/app'],
    ['Octo', 'github.com/octo'],
    ['ghe.example.com/acme/tools', 'ghe.example.com/acme/tools'],
    ['127.0.0.1:3000/acme/alpha', '127.0.0.1:3000/acme/alpha'],
    [' github.com/acme ', 'github.com/acme'],
  ])('%s means %s', (text, key) => {
    expect(cacheKeyOf(text, 'github.com')).toEqual({ ok: true, value: key })
  })

  it.each(['a/b/c', 'github.com/', 'no spaces/x', ''])('refuses %j', (text) => {
    expect(cacheKeyOf(text, 'github.com').ok).toBe(false)
  })
})

describe('nextGeneration', () => {
  it('sorts by time, whatever the random part', () => {
    const a = nextGeneration(1_700_000_000_000, 0.999)
    const b = nextGeneration(1_700_000_000_001, 0)
    expect(a < b).toBe(true)
    expect(a).toMatch(/^[0-9a-z]{14}$/)
  })
})

describe('current and retired caches', () => {
  const volumes = [
    vol('a1', 'k/a', '001'),
    vol('a2', 'k/a', '002'),
    vol('b1', 'k/b', '001'),
    vol('x', null, '009'),
  ]
  it('the newest generation of each key is current; the rest and unlabelled ones are retired', () => {
    expect([...currentCaches(volumes).values()].map((v) => v.name).sort()).toEqual(['a2', 'b1'])
    expect(retiredCaches(volumes).map((v) => v.name)).toEqual(['a1', 'x'])
  })

  it('clearing one key takes only its volumes; clearing all takes every one', () => {
    expect(volumesToClear(volumes, 'k/a').map((v) => v.name)).toEqual(['a1', 'a2'])
    expect(volumesToClear(volumes, null)).toHaveLength(4)
  })

  it('renews a key only when its current cache is still in use after the clear', () => {
    const cleared = volumesToClear(volumes, null)
    expect(keysToRenew(cleared, new Set(['a2']))).toEqual(['k/a'])
    expect(keysToRenew(cleared, new Set(['a1']))).toEqual([])
    expect(keysToRenew(cleared, new Set())).toEqual([])
  })
})

describe('planCapEviction', () => {
  it.each([
    { name: 'under the cap: nothing', sizes: [3, 4], limit: 10, evict: [] },
    { name: 'over: the oldest goes first', sizes: [6, 6], limit: 10, evict: ['k/0'] },
    { name: 'far over: as many as it takes', sizes: [6, 6, 6], limit: 7, evict: ['k/0', 'k/1'] },
    { name: 'one cache alone over the cap goes', sizes: [12], limit: 10, evict: ['k/0'] },
  ])('$name', ({ sizes, limit, evict }) => {
    const volumes = sizes.map((gb, i) => vol(`v${i}`, `k/${i}`, `00${i}`, gb * GB))
    expect(planCapEviction(volumes, limit * GB)).toEqual(evict)
  })

  it('does not count retired volumes, which go once their runners end', () => {
    const volumes = [vol('old', 'k/a', '001', 30 * GB, 1), vol('new', 'k/a', '002', 1 * GB)]
    expect(planCapEviction(volumes, 10 * GB)).toEqual([])
  })
})
