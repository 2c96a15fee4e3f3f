// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { testJobRecord, TEST_BASE_TIME } from '../../../common/testing/job-records'
import { timelineOptions } from './chart-options'
import type { ChartColors } from './chart-colors'
import { buildTimeline } from './history-data'
import { HistoryView, type HistoryViewProps } from './history-view'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const MIN = 60 * 1000
const now = TEST_BASE_TIME + 60 * MIN

const records = [
  testJobRecord({ id: '3', job: 'deploy', result: 'Failed', runner: 'rd-x-3' }),
  testJobRecord({ id: '2', job: 'lint', runUrl: null, runner: 'rd-x-2' }),
  testJobRecord({ id: '1', job: 'build', repository: 'octo/lib', runner: 'rd-x-1' }),
]

function renderView(props: Partial<HistoryViewProps> = {}) {
  const onOpenLog = vi.fn()
  const onOpenRun = vi.fn()
  render(
    <HistoryView
      records={records}
      now={now}
      utilization={[
        { at: now - 30 * MIN, busy: 1, idle: 1 },
        { at: now - 15 * MIN, busy: 2, idle: 0 },
      ]}
      onOpenLog={onOpenLog}
      onOpenRun={onOpenRun}
      {...props}
    />,
  )
  return { onOpenLog, onOpenRun }
}

describe('history view', () => {
  it('lists recent jobs newest first in a table', () => {
    renderView()
    const rows = screen.getAllByTestId('history-row')
    expect(rows.map((r) => r.dataset.job)).toEqual(['3', '2', '1'])
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('CI / deploy')
    expect(rows[0]!.textContent).toContain('Failed')
    expect(rows[0]!.textContent).toContain('12 s') // waited
    expect(rows[0]!.textContent).toContain('1 min 35 s') // took
  })

  it('opens a job’s log and its run from the table', () => {
    const { onOpenLog, onOpenRun } = renderView()
    const first = screen.getAllByTestId('history-row')[0]!
    fireEvent.click(within(first).getByRole('button', { name: 'Open the log of rd-x-3' }))
    fireEvent.click(within(first).getByRole('button', { name: 'Open the run of deploy on GitHub' }))
    expect(onOpenLog).toHaveBeenCalledWith('rd-x-3')
    expect(onOpenRun).toHaveBeenCalledWith('https://github.com/octo/app/actions/runs/77')
  })

  it('cannot open a run GitHub did not name', () => {
    const { onOpenRun } = renderView()
    const lint = screen.getAllByTestId('history-row')[1]!
    const run = within(lint).getByTestId('job-open-run') as HTMLButtonElement
    expect(run.disabled).toBe(true)
    fireEvent.click(run)
    expect(onOpenRun).not.toHaveBeenCalled()
  })

  it('says what the charts show in words, with tables for screen readers', () => {
    renderView()
    expect(screen.getByTestId('history-timeline-summary').textContent).toBe(
      '3 jobs: 2 succeeded, 1 failed.',
    )
    expect(screen.getByTestId('history-wait-summary').textContent).toMatch(
      /^Median wait 12 s, longest 12 s\. Median run 1 min 35 s\./,
    )
    const perDay = screen.getByTestId('per-day-table')
    expect(perDay.className).toBe('visually-hidden')
    const lastDay = within(perDay).getAllByRole('row').at(-1)!
    expect(
      within(lastDay)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '1', '0', '0'])
    expect(screen.getByTestId('history-busy-summary').textContent).toBe(
      'Busy 75% of runner time: 45 busy and 15 idle runner-minutes.',
    )
  })

  it('hides the canvases from screen readers and skips them without a 2D canvas', () => {
    renderView()
    for (const chart of ['timeline-chart', 'wait-chart', 'per-day-chart', 'busy-chart']) {
      const box = screen.getByTestId(chart)
      expect(box.getAttribute('aria-hidden')).toBe('true')
      expect(box.children).toHaveLength(0) // happy-dom has no 2D context
    }
  })

  it('explains an empty history', () => {
    renderView({ records: [], utilization: [] })
    expect(screen.getByTestId('history-empty').textContent).toMatch(/^No jobs yet\./)
    expect(screen.queryByTestId('history-table')).toBeNull()
  })
})

describe('timeline clicks', () => {
  const colors: ChartColors = {
    text: '#000',
    muted: '#555',
    border: '#ccc',
    accent: '#00f',
    ok: '#0a0',
    error: '#a00',
    warn: '#aa0',
  }

  it('picks the job under the cursor and nothing elsewhere', () => {
    const timeline = buildTimeline(records, now)
    const picked: string[] = []
    const options = timelineOptions(timeline, (bar) => picked.push(bar.record.id))(600, colors)
    const over = document.createElement('div')
    // 1 px = 1 s on x from the window's start; lanes are whole numbers on y.
    const fake = {
      over,
      cursor: { left: 0, top: 0 },
      posToVal: (pos: number, scale: string) =>
        scale === 'x' ? timeline.from / 1000 + pos : Math.floor(pos / 10),
    }
    options.hooks!.ready![0]!(fake as never)
    const lane = timeline.lanes.indexOf('octo/app')
    const middle = (TEST_BASE_TIME + 50_000 - timeline.from) / 1000
    fake.cursor = { left: middle, top: lane * 10 }
    fireEvent.click(over)
    fake.cursor = { left: 5, top: lane * 10 }
    fireEvent.click(over)
    expect(picked).toHaveLength(1)
    expect(['3', '2']).toContain(picked[0])
  })
})
