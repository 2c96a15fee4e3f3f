import { z } from 'zod'
import { windowBoundsSchema } from '../../common/settings'

/**
 * Where a window opens: its remembered bounds if they are still on a screen, else a default size
 * centred on the primary display (VS Code `windowsStateHandler.ts` validates restored state the
 * same way). Pure: displays come in as rectangles.
 */

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** The windows whose placement is remembered. */
export type WindowKind = 'dashboard' | 'logs'

/** Default and minimum sizes per window. */
export const WINDOW_SIZES: Readonly<
  Record<WindowKind, { width: number; height: number; minWidth: number; minHeight: number }>
> = {
  dashboard: { width: 1100, height: 760, minWidth: 720, minHeight: 480 },
  logs: { width: 1000, height: 680, minWidth: 560, minHeight: 360 },
}

/** Remembered placement, one entry per window. */
export const windowStateSchema = z.object({
  dashboard: windowBoundsSchema.nullable().catch(null).default(null),
  logs: windowBoundsSchema.nullable().catch(null).default(null),
})
/** Remembered placement of every window. */
export type WindowState = z.infer<typeof windowStateSchema>

/** The state when nothing is remembered. */
export const EMPTY_WINDOW_STATE: WindowState = { dashboard: null, logs: null }

// A window counts as visible when this much of it, including its title bar, is on one display:
// enough to grab and drag it back.
const MIN_VISIBLE_WIDTH = 120
const MIN_VISIBLE_HEIGHT = 60

/** Reads the state file's text; anything unreadable is forgotten, never an error. */
export function parseWindowState(text: string): WindowState {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return EMPTY_WINDOW_STATE
  }
  const parsed = windowStateSchema.safeParse(raw)
  return parsed.success ? parsed.data : EMPTY_WINDOW_STATE
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max))
}

function fitInside(bounds: Rect, area: Rect, min: { minWidth: number; minHeight: number }): Rect {
  const width = clamp(bounds.width, Math.min(min.minWidth, area.width), area.width)
  const height = clamp(bounds.height, Math.min(min.minHeight, area.height), area.height)
  return {
    x: Math.round(clamp(bounds.x, area.x, area.x + area.width - width)),
    y: Math.round(clamp(bounds.y, area.y, area.y + area.height - height)),
    width: Math.round(width),
    height: Math.round(height),
  }
}

/**
 * The bounds to open a window with. Saved bounds are kept when enough of the window and its top
 * edge are on one display's work area, then moved and shrunk to fit inside it; otherwise (display
 * unplugged, resolution changed, nothing saved) the default size is centred on the primary display.
 */
export function placeWindow(
  kind: WindowKind,
  saved: Rect | null,
  workAreas: readonly Rect[],
  primary: Rect,
): Rect {
  const size = WINDOW_SIZES[kind]
  if (saved) {
    let best: { area: Rect; visible: number } | null = null
    for (const area of workAreas) {
      const o = overlap(saved, area)
      const titleOnScreen =
        saved.y >= area.y && saved.y < area.y + area.height - MIN_VISIBLE_HEIGHT / 2
      if (
        o.width >= MIN_VISIBLE_WIDTH &&
        o.height >= MIN_VISIBLE_HEIGHT &&
        titleOnScreen &&
        (!best || o.width * o.height > best.visible)
      ) {
        best = { area, visible: o.width * o.height }
      }
    }
    if (best) return fitInside(saved, best.area, size)
  }
  const centred = {
    x: primary.x + (primary.width - size.width) / 2,
    y: primary.y + (primary.height - size.height) / 2,
    width: size.width,
    height: size.height,
  }
  return fitInside(centred, primary, size)
}
