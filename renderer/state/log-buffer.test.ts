import { describe, expect, it } from 'vitest'
import {
  appendLines,
  emptyBuffer,
  lastLine,
  lineAt,
  linesBetween,
  type LogLine,
} from './log-buffer'

const lines = (from: number, count: number): LogLine[] =>
  Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    runner: 'r',
    stream: 'stdout',
    time: 0,
    text: `t${from + i}`,
    plain: `t${from + i}`,
  }))

describe('log buffer', () => {
  it('appends in order and reads by index', () => {
    const b = appendLines(appendLines(emptyBuffer(10_000), lines(1, 1500)), lines(1501, 700))
    expect(b.length).toBe(2200)
    expect(lineAt(b, 0).seq).toBe(1)
    expect(lineAt(b, 1024).seq).toBe(1025)
    expect(lastLine(b)?.seq).toBe(2200)
  })

  it('keeps only the newest lines up to its capacity, counting what it dropped', () => {
    let b = emptyBuffer(2500)
    for (let i = 0; i < 10; i++) b = appendLines(b, lines(1 + i * 1000, 1000))
    expect(b.length).toBe(2500)
    expect(b.dropped).toBe(7500)
    expect(lineAt(b, 0).seq).toBe(7501)
    expect(lastLine(b)?.seq).toBe(10_000)
    expect(b.chunks.length).toBeLessThanOrEqual(4)
    expect(linesBetween(b, 2498).map((l) => l.seq)).toEqual([9999, 10_000])
  })

  it('never changes a buffer it was given (a paused view keeps its lines)', () => {
    const a = appendLines(emptyBuffer(3), lines(1, 3))
    const b = appendLines(a, lines(4, 2))
    expect(linesBetween(a).map((l) => l.seq)).toEqual([1, 2, 3])
    expect(linesBetween(b).map((l) => l.seq)).toEqual([3, 4, 5])
    expect(appendLines(a, [])).toBe(a)
  })

  it('refuses indexes outside the kept lines', () => {
    expect(() => lineAt(emptyBuffer(5), 0)).toThrow(RangeError)
  })
})
