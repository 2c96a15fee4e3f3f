import { describe, expect, it } from 'vitest'
import { ansiSegments, highlightSegments, matchRanges, paletteColor } from './ansi-segments'

describe('ansiSegments', () => {
  it('turns SGR codes into theme classes and rgb colours, keeping markup as text', () => {
    const segments = ansiSegments(
      '\x1b[1;31mERR\x1b[0m <b>&amp;</b> \x1b[38;5;208mhot\x1b[0m \x1b[38;2;10;20;30mtc\x1b[39m \x1b[42mok',
    )
    expect(segments.map((s) => s.text)).toEqual([
      'ERR',
      ' <b>&amp;</b> ',
      'hot',
      ' ',
      'tc',
      ' ',
      'ok',
    ])
    expect(segments[0]).toMatchObject({ classes: ['ansi-fg-red', 'ansi-bold'], color: null })
    expect(segments[2]!.color).toBe('rgb(255, 135, 0)')
    expect(segments[4]!.color).toBe('rgb(10, 20, 30)')
    expect(segments[6]).toMatchObject({ classes: ['ansi-bg-green'], color: null, background: null })
  })

  it('drops hyperlink escapes, control characters and overwritten progress', () => {
    expect(
      ansiSegments('\x1b]8;;https://x\x07link\x1b]8;;\x07\x07!')
        .map((s) => s.text)
        .join(''),
    ).toBe('link!')
    expect(
      ansiSegments('10%\r100%')
        .map((s) => s.text)
        .join(''),
    ).toBe('100%')
  })

  it('maps the 256-colour palette', () => {
    expect(paletteColor(1)).toEqual({ basic: 'red' })
    expect(paletteColor(9)).toEqual({ basic: 'bright-red' })
    expect(paletteColor(16)).toBe('rgb(0, 0, 0)')
    expect(paletteColor(255)).toBe('rgb(238, 238, 238)')
  })
})

describe('search highlight', () => {
  it('finds every case-insensitive occurrence', () => {
    expect(matchRanges('Error error ERROR', 'error')).toEqual([
      [0, 5],
      [6, 11],
      [12, 17],
    ])
    expect(matchRanges('abc', '')).toEqual([])
  })

  it('marks matches that cross colour changes', () => {
    const parts = highlightSegments(ansiSegments('\x1b[31mfoo\x1b[0mbar baz'), 'oob')
    expect(parts.map((p) => [p.text, p.hit])).toEqual([
      ['f', false],
      ['oo', true],
      ['b', true],
      ['ar baz', false],
    ])
    expect(parts[1]!.classes).toEqual(['ansi-fg-red'])
  })
})
