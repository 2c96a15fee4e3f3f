import { useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import { readChartColors, type ChartColors } from './chart-colors'

/** Builds a chart's options for the space it has and the theme in force. */
export type ChartOptions = (width: number, colors: ChartColors) => uPlot.Options

// happy-dom and very old browsers have no 2D canvas: the chart is skipped, the tables remain.
function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null
  } catch {
    return false
  }
}

// The OS theme changed: the canvas must be redrawn with the other palette.
function useThemeVersion(): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)')
    if (!query) return
    const changed = () => setVersion((v) => v + 1)
    query.addEventListener('change', changed)
    return () => query.removeEventListener('change', changed)
  }, [])
  return version
}

/**
 * A uPlot canvas as a React component: created when its data, options or the theme change,
 * resized with its box, destroyed on unmount. uPlot styles its elements through the CSSOM only,
 * so it runs under the renderer's CSP (no inline style or script); its stylesheet is linked in
 * history.css. The canvas is hidden from screen readers: each chart comes with a table.
 */
export function UplotChart({
  options,
  data,
  height,
  testId,
}: {
  options: ChartOptions
  data: uPlot.AlignedData
  height: number
  testId?: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const theme = useThemeVersion()
  useEffect(() => {
    const target = box.current
    if (!target || !canDraw()) return
    const width = () => Math.max(200, target.clientWidth)
    const chart = new uPlot(
      { ...options(width(), readChartColors()), width: width(), height },
      data,
      target,
    )
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height }))
    resize.observe(target)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [options, data, height, theme])
  return <div ref={box} className="chart-canvas" aria-hidden="true" data-testid={testId} />
}
