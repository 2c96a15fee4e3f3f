import { describe, expect, it } from 'vitest'
import { createRedactor } from '../../../common/redact'
import { LogStore } from './log-store'

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('LogStore', () => {
  it('keeps a bounded ring per runner, oldest lines dropped first', () => {
    const store = new LogStore(createRedactor([]), { maxLinesPerRunner: 3 })
    for (let i = 1; i <= 5; i++) store.append('a', 'stdout', i, `line ${i}`)
    expect(store.read('a').map((l) => l.text)).toEqual(['line 3', 'line 4', 'line 5'])
    expect(store.sources()).toEqual([
      { runner: 'a', finished: false, lines: 3, firstSeq: 3, lastSeq: 5 },
    ])
  })

  it('redacts secrets on the way in', () => {
    const store = new LogStore(createRedactor(['jit-config-secret']))
    store.append('a', 'stdout', 1, 'config jit-config-secret here')
    expect(store.read('a')[0]!.text).toBe('config *** here')
  })

  it('keeps finished runners readable up to a bound', () => {
    const store = new LogStore(createRedactor([]), { maxFinishedRunners: 2 })
    for (const name of ['a', 'b', 'c']) {
      store.append(name, 'stdout', 1, name)
      store.finish(name)
    }
    expect(
      store
        .sources()
        .map((s) => s.runner)
        .sort(),
    ).toEqual(['b', 'c'])
  })

  it('delivers live lines in batches to runner and all-runner subscribers, resumable by seq', async () => {
    const store = new LogStore(createRedactor([]))
    const mine: string[] = []
    const all: string[] = []
    store.subscribe('a', (entries) => mine.push(...entries.map((e) => e.text)))
    const stop = store.subscribe(null, (entries) => all.push(...entries.map((e) => e.text)))
    store.append('a', 'stdout', 1, 'a1')
    store.append('b', 'stderr', 2, 'b1')
    await tick()
    expect(mine).toEqual(['a1'])
    expect(all).toEqual(['a1', 'b1'])
    stop()
    store.append('a', 'stdout', 3, 'a2')
    await tick()
    expect(all).toEqual(['a1', 'b1'])
    expect(store.read(null, { afterSeq: 2 }).map((l) => l.text)).toEqual(['a2'])
  })

  it('cuts absurdly long lines', () => {
    const store = new LogStore(createRedactor([]), { maxLineLength: 10 })
    store.append('a', 'stdout', 1, 'x'.repeat(50))
    expect(store.read('a')[0]!.text).toBe('xxxxxxxxxx… [line cut]')
  })
})
