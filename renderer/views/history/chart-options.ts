import uPlot from 'uplot'
import { kindColor, type ChartColors } from './chart-colors'
import { barAt, paddedRange, timelineSpan, type Timeline, type TimelineBar } from './history-data'
import type { ChartOptions } from './uplot-chart'

/**
 * The four charts' uPlot options. Each returns a builder (width, colours) so the chart can be
 * rebuilt for a new size or theme; the numbers come from history-data.ts.
 */

function axis(colors: ChartColors, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: colors.muted,
    grid: { stroke: colors.border, width: 1 },
    ticks: { stroke: colors.border, width: 1 },
    ...extra,
  }
}

const noLegend = { show: false }

// From 0 to a little above the tallest value, so the top bar or point is not cut by the frame.
const headroom: uPlot.Range.Function = (_u, _min, max) => [0, Math.max(1, max * 1.08)]

/**
 * An x range (seconds) at least `minSpan` wide, with `pad` more at each end. uPlot widens an axis
 * whose data is a single instant to 86400 / its unit (1,000 days in seconds) before asking, so
 * that case starts again from the data.
 */
export function timeRange(minSpan: number, pad = 0): uPlot.Range.Function {
  return (u, min, max) => {
    const xs = u.data[0]
    const first = xs[0]
    const single = first !== undefined && first === xs[xs.length - 1] && min === first
    return paddedRange(min - pad, (single ? first : max) + pad, minSpan)
  }
}

// Points over time: at least ten minutes wide, so a few jobs in one minute stay readable.
const pointsRange = timeRange(600)

// Bars centred on their bucket's start: room for half a bar beyond the first and last.
const bucketRange = (bucketMs: number) => timeRange(0, 0.6 * (bucketMs / 1000))

// Draws each job as a bar in its repository's lane, coloured by result.
function drawBars(u: uPlot, timeline: Timeline, colors: ChartColors): void {
  const { ctx, bbox } = u
  const laneHeight = Math.abs(u.valToPos(0, 'y', true) - u.valToPos(1, 'y', true))
  const barHeight = Math.max(2, laneHeight * 0.6)
  const minWidth = Math.max(2, devicePixelRatio * 2)
  ctx.save()
  ctx.beginPath()
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height)
  ctx.clip()
  for (const bar of timeline.bars) {
    const x0 = u.valToPos(bar.start / 1000, 'x', true)
    const x1 = u.valToPos(bar.end / 1000, 'x', true)
    const y = u.valToPos(bar.lane, 'y', true)
    ctx.fillStyle = kindColor(colors, bar.kind)
    ctx.fillRect(x0, y - barHeight / 2, Math.max(minWidth, x1 - x0), barHeight)
  }
  ctx.restore()
}

/** The timeline's data: only the x range matters; bars are drawn by a hook. */
export function timelineData(timeline: Timeline): uPlot.AlignedData {
  const { from, to } = timelineSpan(timeline)
  return [
    [from / 1000, to / 1000],
    [null, null],
  ]
}

/** Jobs by repository over time; a click on a bar picks that job. */
export function timelineOptions(
  timeline: Timeline,
  onPick: (bar: TimelineBar) => void,
): ChartOptions {
  const longest = Math.max(0, ...timeline.lanes.map((l) => l.length))
  const { from, to } = timelineSpan(timeline)
  return (width, colors) => ({
    width,
    height: 0,
    legend: noLegend,
    cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: [from / 1000, to / 1000] },
      y: { range: [-0.5, Math.max(1, timeline.lanes.length) - 0.5], dir: -1 },
    },
    axes: [
      axis(colors),
      axis(colors, {
        size: Math.min(220, 16 + 7 * longest),
        grid: { show: false },
        ticks: { show: false },
        splits: () => timeline.lanes.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => timeline.lanes[i] ?? ''),
      }),
    ],
    series: [{}, { show: false }],
    hooks: {
      draw: [(u) => drawBars(u, timeline, colors)],
      ready: [
        (u) =>
          u.over.addEventListener('click', () => {
            const { left, top } = u.cursor
            if (left === undefined || top === undefined || left < 0) return
            const at = u.posToVal(left, 'x') * 1000
            const slack = (u.posToVal(left + 4, 'x') - u.posToVal(left, 'x')) * 1000
            const bar = barAt(timeline, at, Math.round(u.posToVal(top, 'y')), slack)
            if (bar) onPick(bar)
          }),
      ],
    },
  })
}

/** Pickup latency (left axis) and duration (right axis) per job, as points: thousands stay fast. */
export const waitAndRunOptions: ChartOptions = (width, colors) => ({
  width,
  height: 0,
  legend: noLegend,
  cursor: { drag: { x: true, y: false } },
  scales: {
    x: { time: true, range: pointsRange },
    wait: { range: headroom },
    took: { range: headroom },
  },
  axes: [
    axis(colors),
    axis(colors, { scale: 'wait', label: 'waited (s)', labelSize: 20 }),
    axis(colors, {
      scale: 'took',
      side: 1,
      grid: { show: false },
      label: 'took (s)',
      labelSize: 20,
    }),
  ],
  series: [
    {},
    {
      label: 'waited',
      scale: 'wait',
      stroke: colors.accent,
      fill: colors.accent,
      paths: () => null,
      points: { show: true, size: 4, fill: colors.accent, stroke: colors.accent },
    },
    {
      label: 'took',
      scale: 'took',
      stroke: colors.muted,
      paths: () => null,
      points: { show: true, size: 4, fill: colors.muted, stroke: colors.muted },
    },
  ],
})

function barSeries(label: string, color: string): uPlot.Series {
  return {
    label,
    stroke: color,
    fill: color,
    paths: uPlot.paths.bars!({ size: [0.7, 48], align: 0 }),
    points: { show: false },
  }
}

/** Jobs per day, stacked by result (succeeded at the bottom). Data: x then `stackColumns` output. */
export const perDayOptions: ChartOptions = (width, colors) => ({
  width,
  height: 0,
  legend: noLegend,
  cursor: { drag: { x: false, y: false }, points: { show: false } },
  scales: { x: { time: true, range: bucketRange(24 * 60 * 60 * 1000) }, y: { range: headroom } },
  axes: [axis(colors), axis(colors)],
  series: [
    {},
    barSeries('other', colors.warn),
    barSeries('canceled', colors.muted),
    barSeries('failed', colors.error),
    barSeries('succeeded', colors.ok),
  ],
})

/** Busy and idle runner-minutes per bucket of `bucketMs`, stacked (busy at the bottom). */
export const utilizationOptions =
  (bucketMs: number): ChartOptions =>
  (width, colors) => ({
    width,
    height: 0,
    legend: noLegend,
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    scales: { x: { time: true, range: bucketRange(bucketMs) }, y: { range: headroom } },
    axes: [axis(colors), axis(colors, { label: 'runner-minutes', labelSize: 20 })],
    series: [{}, barSeries('idle', colors.border), barSeries('busy', colors.accent)],
  })
