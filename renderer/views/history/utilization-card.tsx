import { useMemo } from 'react'
import type uPlot from 'uplot'
import { ChartLegend } from './chart-legend'
import { utilizationOptions } from './chart-options'
import { bucketFor, runnerMinutes, stackColumns, type UtilizationSample } from './history-data'
import { formatDay, formatJobTime } from './history-format'
import { UplotChart } from './uplot-chart'

const LEGEND = [
  { label: 'busy', swatch: 'busy' },
  { label: 'idle', swatch: 'idle' },
]

const round = (n: number) => Math.round(n)
// Runner-minutes as a person reads them: tenths while small (a few short jobs), whole beyond.
const minutes = (n: number) => (n < 10 ? String(Math.round(n * 10) / 10) : String(Math.round(n)))

/**
 * How busy the pool was: busy and idle runner-minutes per hour (or per day over longer spans). The
 * engine keeps no such series, so the samples are the snapshots this page received.
 */
export function UtilizationCard({
  utilization,
  now,
}: {
  utilization: readonly UtilizationSample[]
  now: number
}) {
  const span = utilization.length > 0 ? now - Math.min(...utilization.map((s) => s.at)) : 0
  const bucket = bucketFor(span)
  const buckets = useMemo(() => runnerMinutes(utilization, now, bucket), [utilization, now, bucket])
  const options = useMemo(() => utilizationOptions(bucket), [bucket])
  const data = useMemo<uPlot.AlignedData>(
    () => [
      buckets.map((b) => b.start / 1000),
      ...stackColumns([buckets.map((b) => b.busy), buckets.map((b) => b.idle)]),
    ],
    [buckets],
  )
  const busy = buckets.reduce((n, b) => n + b.busy, 0)
  const idle = buckets.reduce((n, b) => n + b.idle, 0)
  const share = busy + idle > 0 ? round((100 * busy) / (busy + idle)) : null
  const label = (start: number) =>
    bucket < 24 * 60 * 60 * 1000 ? formatJobTime(start, now) : formatDay(start)
  return (
    <section className="card" aria-labelledby="history-busy-title" data-testid="history-busy">
      <h2 id="history-busy-title">How busy the pool was</h2>
      <p className="muted" data-testid="history-busy-summary">
        {share === null
          ? 'No pool activity recorded yet.'
          : `Busy ${share}% of runner time: ${minutes(busy)} busy and ${minutes(idle)} idle runner-minutes.`}
      </p>
      <p className="hint">Counted from the pool's updates while this page is open.</p>
      {buckets.length > 0 && (
        <>
          <UplotChart options={options} data={data} height={200} testId="busy-chart" />
          <ChartLegend items={LEGEND} />
          <table className="visually-hidden" data-testid="busy-table">
            <caption>Runner-minutes per {bucket < 24 * 60 * 60 * 1000 ? 'hour' : 'day'}</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Busy</th>
                <th scope="col">Idle</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.start}>
                  <th scope="row">{label(b.start)}</th>
                  <td>{minutes(b.busy)}</td>
                  <td>{minutes(b.idle)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
