import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'

// Used until the viewport is measured (and in DOMs without layout, like the tests').
const FALLBACK_HEIGHT = 600

/** Which rows to render for a scroll position: the visible ones plus `overscan` on each side. */
export function visibleRange(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
  overscan: number,
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan)
  return [first, Math.max(first, last)]
}

/**
 * A windowed list with fixed row heights: only the rows on screen exist in the DOM, so 100k log
 * lines scroll like 50. With `follow`, it keeps the newest row in view; a scroll the user makes
 * is reported (`onUserScroll`) so the viewer can pause following.
 */
export function VirtualList({
  count,
  rowHeight,
  renderRow,
  follow,
  onUserScroll,
  label,
  overscan = 10,
  reveal = null,
}: {
  count: number
  rowHeight: number
  renderRow: (index: number) => ReactNode
  follow: boolean
  onUserScroll?: (atBottom: boolean) => void
  label: string
  overscan?: number
  /** A row to bring to the middle of the view (a search match); a new object scrolls again. */
  reveal?: { readonly index: number } | null
}) {
  const viewport = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(FALLBACK_HEIGHT)
  // The scrollTop we set ourselves: its scroll event is not the user's.
  const expected = useRef<number | null>(null)

  useLayoutEffect(() => {
    const el = viewport.current
    if (!el) return
    const measure = () => setHeight(el.clientHeight > 0 ? el.clientHeight : FALLBACK_HEIGHT)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  useLayoutEffect(() => {
    const el = viewport.current
    if (!follow || !el) return
    const bottom = Math.max(0, count * rowHeight - height)
    if (Math.abs(el.scrollTop - bottom) >= 1) {
      expected.current = bottom
      el.scrollTop = bottom
    }
    setScrollTop(bottom)
  }, [follow, count, rowHeight, height])

  useLayoutEffect(() => {
    const el = viewport.current
    if (!reveal || !el) return
    const top = Math.max(0, reveal.index * rowHeight - (height - rowHeight) / 2)
    expected.current = top
    el.scrollTop = top
    setScrollTop(top)
  }, [reveal, rowHeight, height])

  const onScroll = () => {
    const el = viewport.current
    if (!el) return
    setScrollTop(el.scrollTop)
    if (expected.current !== null && Math.abs(el.scrollTop - expected.current) < 2) {
      expected.current = null
      return
    }
    expected.current = null
    onUserScroll?.(el.scrollTop + height >= count * rowHeight - rowHeight / 2)
  }

  const [first, last] = visibleRange(count, rowHeight, scrollTop, height, overscan)
  const rows: ReactNode[] = []
  for (let i = first; i < last; i++) rows.push(renderRow(i))
  return (
    <div
      ref={viewport}
      className="vlist"
      role="log"
      aria-live="off"
      aria-label={label}
      tabIndex={0}
      onScroll={onScroll}
    >
      <div className="vlist-space" style={{ height: count * rowHeight }}>
        <div className="vlist-rows" style={{ transform: `translateY(${first * rowHeight}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  )
}
