import { useMemo, useState } from 'react'
import type { JobRecord } from '../../../common/job-record'
import { ChartLegend, RESULT_LEGEND } from './chart-legend'
import { timelineData, timelineOptions } from './chart-options'
import { summarizeJobs } from './history-format'
import { buildTimeline } from './history-data'
import { JobActions, type JobActionHandlers } from './job-actions'
import { UplotChart } from './uplot-chart'

/**
 * The last day's jobs as bars by repository, coloured by result. Clicking a bar picks the job and
 * offers its log and its run; the job table below offers the same to a keyboard.
 */
export function TimelineCard({
  records,
  now,
  ...handlers
}: { records: readonly JobRecord[]; now: number } & JobActionHandlers) {
  const timeline = useMemo(() => buildTimeline(records, now), [records, now])
  const [picked, setPicked] = useState<JobRecord | null>(null)
  const options = useMemo(
    () => timelineOptions(timeline, (bar) => setPicked(bar.record)),
    [timeline],
  )
  const data = useMemo(() => timelineData(timeline), [timeline])
  // The time axis takes ~50 px: each lane gets 36 px of plot above it.
  const height = 64 + 36 * Math.max(1, timeline.lanes.length)
  return (
    <section
      className="card"
      aria-labelledby="history-timeline-title"
      data-testid="history-timeline"
    >
      <h2 id="history-timeline-title">Last 24 hours</h2>
      <p className="muted" data-testid="history-timeline-summary">
        {summarizeJobs(timeline.bars.map((b) => b.record))}
      </p>
      {timeline.bars.length > 0 && (
        <>
          <UplotChart options={options} data={data} height={height} testId="timeline-chart" />
          <ChartLegend items={RESULT_LEGEND} />
        </>
      )}
      {picked && (
        <p className="picked-job" data-testid="picked-job" aria-live="polite">
          <strong>{picked.job}</strong> on {picked.runner}: {picked.result ?? 'no result'}{' '}
          <JobActions record={picked} {...handlers} />
        </p>
      )}
    </section>
  )
}
