import { describe, expect, it } from 'vitest'
import { orderPages, parsePageName, readPageLine, splitLines } from './page-lines'

const T = '6d0fbbde-3a3d-4e31-a7c1-3f3a3c2b1a00'
const R1 = '1b4e28ba-2fa1-11d2-883f-0016d3cca427'
const R2 = '9f0e5a6b-0c1d-4e2f-8a9b-0c1d2e3f4a5b'

describe('parsePageName', () => {
  it.each([
    [`${T}_${R1}_1.log`, { timelineId: T, recordId: R1, page: 1 }],
    [`${T}_${R2}_12.log`, { timelineId: T, recordId: R2, page: 12 }],
    [`${T}_${R1}.1`, null], // a Results block (PagingLogger's blocks/ folder)
    [`${T}_${R1}_1.log.tmp`, null],
    ['Runner_20261129-210000-utc.log', null],
  ])('%s', (name, expected) => expect(parsePageName(name)).toEqual(expected))
})

describe('orderPages', () => {
  it('reads pages as they were created, a step’s pages by number when times tie', () => {
    const pages = [
      { name: `${T}_${R2}_1.log`, bornMs: 20 },
      { name: `${T}_${R1}_2.log`, bornMs: 10 },
      { name: `${T}_${R1}_10.log`, bornMs: 10 },
      { name: `${T}_${R1}_1.log`, bornMs: 10 },
    ]
    expect(orderPages(pages).map((p) => p.name)).toEqual([
      `${T}_${R1}_1.log`,
      `${T}_${R1}_2.log`,
      `${T}_${R1}_10.log`,
      `${T}_${R2}_1.log`,
    ])
  })
})

describe('splitLines', () => {
  it.each([
    ['', '\uFEFFa\nb\n', true, ['a', 'b'], ''],
    ['', '\uFEFFa\nb', true, ['a'], 'b'],
    ['b', 'c\r\nd', false, ['bc'], 'd'],
    ['', '\uFEFFnot at the start\n', false, ['\uFEFFnot at the start'], ''],
    ['x', '', false, [], 'x'],
  ])('%j + %j', (pending, text, atStart, lines, rest) => {
    expect(splitLines(pending, text, atStart)).toEqual({ lines, pending: rest })
  })
})

describe('readPageLine', () => {
  it.each([
    ['2026-11-29T21:00:00.1234567Z hello', 0, Date.UTC(2026, 10, 29, 21, 0, 0, 123), 'hello'],
    [
      '2026-11-29T21:00:00.0000000Z ##[group]Run echo hi',
      0,
      Date.UTC(2026, 10, 29, 21),
      '##[group]Run echo hi',
    ],
    ['2026-11-29T21:00:01Z no fraction', 0, Date.UTC(2026, 10, 29, 21, 0, 1), 'no fraction'],
    ['2026-11-29T21:00:01.5Z ', 0, Date.UTC(2026, 10, 29, 21, 0, 1, 500), ''],
    ['second line of a message', 42, 42, 'second line of a message'],
    ['2026-11-29 21:00:00Z: not a page stamp', 7, 7, '2026-11-29 21:00:00Z: not a page stamp'],
  ])('%j', (line, last, time, text) => {
    expect(readPageLine(line, last)).toEqual({ time, text })
  })
})
