import { describe, expect, it } from 'vitest'
import { EMPTY_WINDOW_STATE, parseWindowState, placeWindow, WINDOW_SIZES } from './window-placement'

const laptop = { x: 0, y: 0, width: 1440, height: 875 }
const external = { x: 1440, y: -200, width: 2560, height: 1415 }

describe('placeWindow', () => {
  it('centres the default size on the primary display when nothing is saved', () => {
    expect(placeWindow('dashboard', null, [laptop], laptop)).toEqual({
      x: 170,
      y: 58,
      width: 1100,
      height: 760,
    })
  })

  it('keeps saved bounds that are on a display', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800 }
    expect(placeWindow('dashboard', saved, [laptop, external], laptop)).toEqual(saved)
  })

  it('forgets bounds on a display that is gone', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800 }
    expect(placeWindow('logs', saved, [laptop], laptop)).toEqual({
      x: 220,
      y: 98,
      width: 1000,
      height: 680,
    })
  })

  it('forgets bounds with the title bar above the screen or barely visible', () => {
    expect(
      placeWindow('dashboard', { x: 100, y: -300, width: 1000, height: 700 }, [laptop], laptop).y,
    ).toBe(58)
    expect(
      placeWindow('dashboard', { x: 1400, y: 100, width: 1000, height: 700 }, [laptop], laptop).x,
    ).toBe(170)
  })

  it('moves and shrinks a window that hangs over the edge to fit its display', () => {
    expect(
      placeWindow('dashboard', { x: 1000, y: 300, width: 1600, height: 1000 }, [laptop], laptop),
    ).toEqual({ x: 0, y: 0, width: 1440, height: 875 })
    expect(
      placeWindow('dashboard', { x: 600, y: 200, width: 1000, height: 700 }, [laptop], laptop),
    ).toEqual({ x: 440, y: 175, width: 1000, height: 700 })
  })

  it('never goes below the minimum size unless the display is smaller', () => {
    const tiny = { x: 0, y: 0, width: 640, height: 400 }
    expect(placeWindow('dashboard', null, [tiny], tiny)).toEqual({
      x: 0,
      y: 0,
      width: 640,
      height: 400,
    })
    expect(WINDOW_SIZES.dashboard.minWidth).toBeGreaterThan(640)
  })
})

describe('parseWindowState', () => {
  it('keeps valid entries and drops the rest', () => {
    expect(
      parseWindowState('{"dashboard":{"x":1,"y":2,"width":800,"height":600},"logs":{"x":"a"}}'),
    ).toEqual({ dashboard: { x: 1, y: 2, width: 800, height: 600 }, logs: null })
    expect(parseWindowState('{')).toEqual(EMPTY_WINDOW_STATE)
    expect(parseWindowState('[]')).toEqual(EMPTY_WINDOW_STATE)
    expect(parseWindowState('{}')).toEqual(EMPTY_WINDOW_STATE)
  })
})
