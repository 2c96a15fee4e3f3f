import Anser from 'anser'
import { lastCarriageSegment } from '../../state/log-view'

/**
 * A run of text with one style. Rendered as a React text node inside a <span>, never as HTML, so
 * whatever a job prints stays text: colours become classes (the 16 basic ones follow the theme) or
 * an `rgb()` built from validated numbers.
 */
export interface AnsiSegment {
  readonly text: string
  readonly classes: readonly string[]
  readonly color: string | null
  readonly background: string | null
  /** Part of a search match. */
  readonly hit: boolean
}

const BASIC = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white']
const CUBE = [0, 95, 135, 175, 215, 255]
const DECORATIONS = new Set(['bold', 'dim', 'italic', 'underline', 'strikethrough', 'hidden'])
// OSC (hyperlinks, window titles): anser leaves them in the text.
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g
const RGB = /^(\d{1,3}), ?(\d{1,3}), ?(\d{1,3})$/

/** xterm's 256-colour palette entry 16-255 as rgb; 0-15 are the themed basic colours. */
export function paletteColor(index: number): string | { basic: string } {
  if (index < 8) return { basic: BASIC[index]! }
  if (index < 16) return { basic: `bright-${BASIC[index - 8]!}` }
  if (index < 232) {
    const n = index - 16
    return `rgb(${CUBE[Math.floor(n / 36)]}, ${CUBE[Math.floor(n / 6) % 6]}, ${CUBE[n % 6]})`
  }
  const gray = 8 + (index - 232) * 10
  return `rgb(${gray}, ${gray}, ${gray})`
}

function colourOf(
  name: string | null,
  truecolor: string | null,
  layer: 'fg' | 'bg',
  classes: string[],
): string | null {
  if (!name) return null
  const basic = /^ansi-((?:bright-)?(?:black|red|green|yellow|blue|magenta|cyan|white))$/.exec(name)
  if (basic) {
    classes.push(`ansi-${layer}-${basic[1]}`)
    return null
  }
  const palette = /^ansi-palette-(\d{1,3})$/.exec(name)
  if (palette) {
    const value = paletteColor(Math.min(255, Number(palette[1])))
    if (typeof value === 'string') return value
    classes.push(`ansi-${layer}-${value.basic}`)
    return null
  }
  // anser keeps a stale truecolor value after a reset, so only trust it with its own class.
  const rgb = name === 'ansi-truecolor' && truecolor ? RGB.exec(truecolor) : null
  if (rgb && rgb.slice(1).every((c) => Number(c) <= 255))
    return `rgb(${rgb[1]}, ${rgb[2]}, ${rgb[3]})`
  return null
}

/** Splits a line into styled runs. */
export function ansiSegments(text: string): AnsiSegment[] {
  const cleaned = lastCarriageSegment(text).replace(OSC, '')
  const out: AnsiSegment[] = []
  for (const entry of Anser.ansiToJson(cleaned, {
    json: true,
    use_classes: true,
    remove_empty: true,
  })) {
    const content = entry.content.replace(CONTROL, '')
    if (content === '') continue
    const classes: string[] = []
    const color = colourOf(entry.fg, entry.fg_truecolor, 'fg', classes)
    const background = colourOf(entry.bg, entry.bg_truecolor, 'bg', classes)
    for (const d of entry.decorations ?? []) if (DECORATIONS.has(d)) classes.push(`ansi-${d}`)
    out.push({ text: content, classes, color, background, hit: false })
  }
  return out
}

/** Where `query` occurs in `text`, case-insensitively, as [start, end) ranges. */
export function matchRanges(text: string, query: string): [number, number][] {
  if (query === '') return []
  const hay = text.toLowerCase()
  const needle = query.toLowerCase()
  const ranges: [number, number][] = []
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) {
    ranges.push([i, i + needle.length])
  }
  return ranges
}

/** Splits segments so search matches (which may cross colour changes) are runs of their own. */
export function highlightSegments(segments: readonly AnsiSegment[], query: string): AnsiSegment[] {
  const ranges = matchRanges(segments.map((s) => s.text).join(''), query)
  if (ranges.length === 0) return segments.slice()
  const out: AnsiSegment[] = []
  let offset = 0
  for (const segment of segments) {
    const start = offset
    const end = offset + segment.text.length
    offset = end
    let cursor = start
    for (const [from, to] of ranges) {
      if (to <= cursor || from >= end) continue
      if (from > cursor)
        out.push({ ...segment, text: segment.text.slice(cursor - start, from - start), hit: false })
      const hitEnd = Math.min(to, end)
      out.push({
        ...segment,
        text: segment.text.slice(Math.max(from, cursor) - start, hitEnd - start),
        hit: true,
      })
      cursor = hitEnd
    }
    if (cursor < end) out.push({ ...segment, text: segment.text.slice(cursor - start), hit: false })
  }
  return out
}
