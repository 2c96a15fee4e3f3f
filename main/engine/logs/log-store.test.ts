import { describe, expect, it } from 'vitest'
import { createRedactor } from '../../../common/redact'
import { LINE_CUT_MARK } from './line-cut'
import { entryBytes } from './log-ring'
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

  it('bounds one runner by bytes, not only by lines', () => {
    const store = new LogStore(createRedactor([]), { maxBytesPerRunner: 10_000 })
    for (let i = 0; i < 1000; i++) store.append('a', 'stdout', i, 'y'.repeat(1000))
    const kept = store.read('a')
    expect(kept.reduce((sum, e) => sum + entryBytes(e), 0)).toBeLessThanOrEqual(10_000)
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.at(-1)!.time).toBe(999)
    expect(store.bytes).toBe(kept.reduce((sum, e) => sum + entryBytes(e), 0))
  })

  it('bounds all runners in total: finished logs go first, then the largest live log', () => {
    const line = 'z'.repeat(500)
    const cost = entryBytes({ seq: 0, runner: 'x', stream: 'stdout', time: 0, text: line })
    const store = new LogStore(createRedactor([]), { maxTotalBytes: cost * 10 })
    for (let i = 0; i < 4; i++) store.append('done', 'stdout', i, line)
    store.finish('done')
    for (let i = 0; i < 3; i++) store.append('quiet', 'stdout', i, line)
    for (let i = 0; i < 6; i++) store.append('noisy', 'stdout', i, line)
    // 13 lines do not fit in 10: the finished runner's log is dropped whole.
    expect(store.sources().map((s) => s.runner)).toEqual(['noisy', 'quiet'])
    for (let i = 6; i < 40; i++) store.append('noisy', 'stdout', i, line)
    expect(store.bytes).toBeLessThanOrEqual(cost * 10)
    expect(store.read('quiet')).toHaveLength(3)
    expect(store.read('noisy').map((e) => e.time)).toEqual([33, 34, 35, 36, 37, 38, 39])
  })

  it('redacts before it cuts: a secret across the cut never leaves half of itself', () => {
    const jit = 'eyJydW5uZXIiOiJhYmMifQ' + 'Q'.repeat(40)
    const token = `ghp_${'T0k3n'.repeat(8)}`
    const store = new LogStore(createRedactor([jit]), { maxLineLength: 30 })
    store.append('a', 'stdout', 1, `${'x'.repeat(20)} ${jit} after`)
    store.append('a', 'stdout', 2, `${'x'.repeat(20)} ${token} after`)
    for (const entry of store.read('a')) {
      expect(entry.text).toBe(`${'x'.repeat(20)} *** after`)
      expect(entry.text).not.toMatch(/eyJy|ghp_/)
    }
  })

  it('masks the start of a secret at the end of a line the decoder cut', () => {
    const jit = 'eyJydW5uZXIiOiJhYmMifQ' + 'Q'.repeat(40)
    const store = new LogStore(createRedactor([jit]))
    store.append('a', 'stdout', 1, `config ${jit.slice(0, 30)}${LINE_CUT_MARK}`)
    store.append('a', 'stdout', 2, `token ghp_${'A'.repeat(10)}${LINE_CUT_MARK}`)
    store.append('a', 'stdout', 3, `config ${jit.slice(0, 30)}`)
    expect(store.read('a').map((e) => e.text)).toEqual([
      `config ***${LINE_CUT_MARK}`,
      `token ***${LINE_CUT_MARK}`,
      // Not cut: a line that merely ends like a secret's start is left alone.
      `config ${jit.slice(0, 30)}`,
    ])
  })

  it('keeps the runner trace on stdout apart as `trace`, the lines it announces as stdout', () => {
    const store = new LogStore(createRedactor([]))
    const lines = [
      '[RUNNER 2026-11-29 21:00:01Z INFO Terminal] WRITE LINE: 2026-11-29 21:00:01Z: Listening for Jobs',
      '2026-11-29 21:00:01Z: Listening for Jobs',
      '[RUNNER 2026-11-29 21:00:02Z ERR  MessageListener] System.Net.Http.HttpRequestException: x',
      '   at System.Net.Http.HttpConnectionPool.ConnectAsync()',
    ]
    for (const [i, line] of lines.entries()) store.append('a', 'stdout', i, line)
    // Another runner's trace does not make this runner's next line a continuation.
    store.append('b', 'stdout', 9, '   at b')
    store.append('a', 'step', 5, 'hello from the job')
    store.append('a', 'stderr', 6, '   at stderr stays stderr')
    expect(store.read('a').map((e) => e.stream)).toEqual([
      'trace',
      'stdout',
      'trace',
      'trace',
      'step',
      'stderr',
    ])
    expect(store.read('b')[0]!.stream).toBe('stdout')
  })
})
