import type { ResultKind } from '../../../common/job-record'

/** The theme's colours as a canvas needs them: concrete values, since a canvas cannot read CSS variables. */
export interface ChartColors {
  readonly text: string
  readonly muted: string
  readonly border: string
  readonly accent: string
  readonly ok: string
  readonly error: string
  readonly warn: string
}

// The light theme's values (renderer/styles/app.css), for a document without the stylesheet.
const FALLBACK: ChartColors = {
  text: '#1c2128',
  muted: '#59636e',
  border: '#d1d9e0',
  accent: '#0969da',
  ok: '#1a7f37',
  error: '#cf222e',
  warn: '#9a6700',
}

/** Reads the current theme (light or dark, whichever the OS chose) from app.css's variables. */
export function readChartColors(root: Element = document.documentElement): ChartColors {
  const style = getComputedStyle(root)
  const read = (name: keyof ChartColors) =>
    style.getPropertyValue(`--${name}`).trim() || FALLBACK[name]
  return {
    text: read('text'),
    muted: read('muted'),
    border: read('border'),
    accent: read('accent'),
    ok: read('ok'),
    error: read('error'),
    warn: read('warn'),
  }
}

/** A result's colour: the same meaning as the dashboard's badges (green, red, grey, amber). */
export function kindColor(colors: ChartColors, kind: ResultKind): string {
  switch (kind) {
    case 'succeeded':
      return colors.ok
    case 'failed':
      return colors.error
    case 'canceled':
      return colors.muted
    case 'other':
      return colors.warn
    case 'unknown':
      return colors.border
  }
}
