import { useMemo } from 'react'
import type { JobRecord } from '../../../common/job-record'
import { ChartLegend, RESULT_LEGEND } from './chart-legend'
import { perDayOptions } from './chart-options'
import { jobsPerDay, stackColumns } from './history-data'
import { formatDay } from './history-format'
import { UplotChart } from './uplot-chart'
import type uPlot from 'uplot'

/** Jobs per day for two weeks, stacked by result, with the numbers in a table for screen readers. */
export function PerDayCard({ records, now }: { records: readonly JobRecord[]; now: number }) {
  const days = useMemo(() => jobsPerDay(records, now), [records, now])
  const data = useMemo<uPlot.AlignedData>(
    () => [
      days.map((d) => d.day / 1000),
      ...stackColumns([
        days.map((d) => d.succeeded),
        days.map((d) => d.failed),
        days.map((d) => d.canceled),
        days.map((d) => d.other),
      ]),
    ],
    [days],
  )
  const total = days.reduce((n, d) => n + d.succeeded + d.failed + d.canceled + d.other, 0)
  return (
    <section className="card" aria-labelledby="history-days-title" data-testid="history-days">
      <h2 id="history-days-title">Jobs per day</h2>
      <p className="muted">
        {total} {total === 1 ? 'job' : 'jobs'} in the last {days.length} days.
      </p>
      <UplotChart options={perDayOptions} data={data} height={200} testId="per-day-chart" />
      <ChartLegend items={RESULT_LEGEND} />
      <table className="visually-hidden" data-testid="per-day-table">
        <caption>Jobs per day by result</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed</th>
            <th scope="col">Canceled</th>
            <th scope="col">Other</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{formatDay(d.day)}</th>
              <td>{d.succeeded}</td>
              <td>{d.failed}</td>
              <td>{d.canceled}</td>
              <td>{d.other}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
