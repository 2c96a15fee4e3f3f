import { useMemo } from 'react'
import type { JobRecord } from '../../../common/job-record'
import { ChartLegend } from './chart-legend'
import { waitAndRunOptions } from './chart-options'
import { median, waitAndRunSeries } from './history-data'
import { formatSpan } from './history-format'
import { UplotChart } from './uplot-chart'

const LEGEND = [
  { label: 'waited for a runner', swatch: 'wait' },
  { label: 'ran', swatch: 'took' },
]

/** How long jobs waited for a runner and how long they ran, job by job over time. */
export function WaitCard({ records }: { records: readonly JobRecord[] }) {
  const data = useMemo(() => waitAndRunSeries(records), [records])
  const [, waits, tooks] = data
  const medianWait = median(waits)
  const medianTook = median(tooks)
  const longestWait = waits.reduce<number>((m, w) => Math.max(m, w ?? 0), 0)
  return (
    <section className="card" aria-labelledby="history-wait-title" data-testid="history-wait">
      <h2 id="history-wait-title">Wait and run time</h2>
      <p className="muted" data-testid="history-wait-summary">
        {medianWait === null
          ? 'No waits known yet (GitHub gives the queue time once a job is done).'
          : `Median wait ${formatSpan(medianWait * 1000)}, longest ${formatSpan(longestWait * 1000)}.`}
        {medianTook !== null && ` Median run ${formatSpan(medianTook * 1000)}.`}
        <span className="visually-hidden"> Each job’s times are in the job table.</span>
      </p>
      {records.length > 0 && (
        <>
          <UplotChart options={waitAndRunOptions} data={data} height={220} testId="wait-chart" />
          <ChartLegend items={LEGEND} />
        </>
      )}
    </section>
  )
}
