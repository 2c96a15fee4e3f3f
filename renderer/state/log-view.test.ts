import { describe, expect, it } from 'vitest'
import { makeLogs } from '../test/fixtures'
import { linesBetween } from './log-buffer'
import { positionOf, updateMatches, visibleLines, visibleText } from './log-search'
import {
  ingestLive,
  initialLogView,
  mergeFetched,
  selectSource,
  sourceOptions,
  stripAnsi,
  toLogLine,
} from './log-view'

const seqs = (state: ReturnType<typeof initialLogView>) =>
  linesBetween(state.buffer).map((l) => l.seq)

describe('stripAnsi', () => {
  it('removes colours, hyperlinks and control characters, and keeps what a \\r left on screen', () => {
    expect(stripAnsi('\x1b[1;31mERR\x1b[0m done')).toBe('ERR done')
    expect(stripAnsi('\x1b]8;;https://x\x07link\x1b]8;;\x07!')).toBe('link!')
    expect(stripAnsi('10%\r50%\r100%')).toBe('100%')
    expect(stripAnsi('a\x07b\tc')).toBe('ab\tc')
  })
})

describe('log view', () => {
  it('keeps live lines of the shown runner only, once each', () => {
    let state = selectSource(initialLogView(), 'a')
    const batch = [...makeLogs(2, 'a', 1), ...makeLogs(1, 'b', 3)]
    state = ingestLive(state, batch).state
    state = ingestLive(state, makeLogs(2, 'a', 1)).state
    expect(seqs(state)).toEqual([1, 2])
    expect(state.sources.map((s) => s.runner).sort()).toEqual(['a', 'b'])
  })

  it('keeps nothing while no viewer is open, but follows the sequence', () => {
    const { state, gap } = ingestLive(initialLogView(), makeLogs(5))
    expect(state.buffer.length).toBe(0)
    expect(state.lastSeq).toBe(5)
    expect(gap).toBeNull()
  })

  it('reports a gap when the engine-wide sequence jumps', () => {
    let state = selectSource(initialLogView(), null)
    state = ingestLive(state, makeLogs(3)).state
    expect(ingestLive(state, makeLogs(2, 'x', 4)).gap).toBeNull()
    expect(ingestLive(state, makeLogs(2, 'x', 9)).gap).toBe(3)
  })

  it('merges a backfill under the lines that arrived while it was read', () => {
    let state = selectSource(initialLogView(), null)
    state = ingestLive(state, makeLogs(3, 'a', 101)).state
    const merged = mergeFetched(state.buffer, makeLogs(102, 'a', 1))
    expect(linesBetween(merged).map((l) => l.seq)).toEqual(
      Array.from({ length: 103 }, (_, i) => i + 1),
    )
    expect(merged.generation).toBe(state.buffer.generation + 1)
  })

  it('lists live runners first, finished ones after, and always the preselected one', () => {
    const options = sourceOptions(
      [
        { runner: 'old', finished: true, lines: 3, firstSeq: 1, lastSeq: 3 },
        { runner: 'b', finished: false, lines: 1, firstSeq: 4, lastSeq: 4 },
      ],
      ['a'],
      'wanted',
    )
    expect(options).toEqual([
      { runner: 'a', finished: false },
      { runner: 'b', finished: false },
      { runner: 'wanted', finished: false },
      { runner: 'old', finished: true },
    ])
  })
})

describe('log search', () => {
  it('finds lines case-insensitively in the printed text and updates incrementally', () => {
    let state = selectSource(initialLogView(10), null)
    state = ingestLive(state, [
      ...makeLogs(1, 'a', 1),
      { seq: 2, runner: 'a', stream: 'stdout', time: 0, text: '\x1b[31mError\x1b[0m here' },
    ]).state
    const first = updateMatches(null, state.buffer, 'error')
    expect(first.matches).toEqual([1])
    state = ingestLive(state, [
      { seq: 3, runner: 'a', stream: 'stderr', time: 0, text: 'ERROR again' },
    ]).state
    const second = updateMatches(first, state.buffer, 'error')
    expect(second.matches).toEqual([1, 2])
    expect(visibleText(visibleLines(state.buffer, second), true)).toBe(
      '[a] Error here\n[a] ERROR again',
    )
    expect(updateMatches(second, state.buffer, 'error')).toBe(second)
  })

  it('drops matches that fell out of a full buffer', () => {
    let state = selectSource(initialLogView(3), null)
    state = ingestLive(state, makeLogs(3)).state
    const before = updateMatches(null, state.buffer, 'line')
    state = ingestLive(state, makeLogs(2, 'runnerdock-1', 4)).state
    const after = updateMatches(before, state.buffer, 'line')
    expect(after.matches).toEqual([2, 3, 4])
    expect(visibleLines(state.buffer, after).at(0).seq).toBe(3)
  })

  it('rescans after the buffer is replaced', () => {
    const a = mergeFetched(selectSource(initialLogView(), null).buffer, makeLogs(2))
    const index = updateMatches(null, a, 'line 2')
    const b = mergeFetched(a, [toLogLine(makeLogs(1, 'r', 1)[0]!)])
    expect(updateMatches(index, b, 'line 2').generation).toBe(b.generation)
  })

  it('leaves the runner trace out when asked, and maps a line to its row among those shown', () => {
    let state = selectSource(initialLogView(10), null)
    const line = (seq: number, stream: 'stdout' | 'trace' | 'step', text: string) => ({
      seq,
      runner: 'a',
      stream,
      time: 0,
      text,
    })
    state = ingestLive(state, [
      line(1, 'trace', '[RUNNER 2026-11-29 21:00:00Z INFO Terminal] WRITE LINE: job'),
      line(2, 'stdout', 'job'),
      line(3, 'step', 'job output'),
    ]).state
    const shown = updateMatches(null, state.buffer, '', true)
    expect(shown.matches).toEqual([1, 2])
    expect(updateMatches(null, state.buffer, 'job', true).matches).toEqual([1, 2])
    expect(updateMatches(null, state.buffer, 'job', false).matches).toEqual([0, 1, 2])
    // A different trace choice is a different index, never reused.
    expect(updateMatches(shown, state.buffer, '', false).matches).toEqual([0, 1, 2])
    expect([0, 1, 2].map((abs) => positionOf(state.buffer, shown, abs))).toEqual([-1, 0, 1])
    expect(positionOf(state.buffer, null, 2)).toBe(2)
  })
})
