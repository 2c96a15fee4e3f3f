// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LogEntry } from '../../../common/log-entry'
import { makeAppState, makeLogs, makeRunner, makeSnapshot } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const entry = (
  seq: number,
  text: string,
  runner = 'runner-a',
  stream: LogEntry['stream'] = 'stdout',
): LogEntry => ({ seq, runner, stream, time: 0, text })
const source = (runner: string, finished: boolean) => ({
  runner,
  finished,
  lines: 1,
  firstSeq: 1,
  lastSeq: 1,
})
const lines = () => screen.queryAllByTestId('log-line')

describe('log viewer', () => {
  it('backfills the preselected runner and renders colours as text, never as HTML', async () => {
    const { transport } = await renderApp({
      hash: '#logs/runner-a',
      handlers: {
        readLogs: () => ({
          entries: [entry(1, '\x1b[31mred\x1b[0m <img src=x onerror=alert(1)>')],
          sources: [source('runner-a', false), source('old-runner', true)],
        }),
      },
    })
    expect(transport.callsTo('readLogs')[0]).toEqual({ runner: 'runner-a', limit: 50_000 })
    const line = await screen.findByTestId('log-line')
    expect(line.querySelector('.ansi-fg-red')?.textContent).toBe('red')
    expect(line.querySelector('img')).toBeNull()
    expect(line.textContent).toContain('<img src=x onerror=alert(1)>')
    const picker = screen.getByTestId('log-source') as HTMLSelectElement
    expect(picker.value).toBe('runner-a')
    expect([...picker.options].map((o) => o.textContent)).toEqual([
      'All runners',
      'runner-a',
      'old-runner (finished)',
    ])
    fireEvent.change(picker, { target: { value: 'old-runner' } })
    expect(window.location.hash).toBe('#logs/old-runner')
  })

  it('renders only a window of 100k lines and pauses when the user scrolls up', async () => {
    await renderApp({
      hash: '#logs',
      handlers: { readLogs: () => ({ entries: makeLogs(100_000), sources: [] }) },
    })
    await screen.findByText('100,000 lines')
    const shown = lines()
    expect(shown.length).toBeGreaterThan(10)
    expect(shown.length).toBeLessThan(100)
    expect(shown[shown.length - 1]!.dataset.seq).toBe('100000')
    const list = screen.getByRole('log')
    list.scrollTop = 0
    fireEvent.scroll(list)
    expect(screen.getByTestId('log-pause').getAttribute('aria-pressed')).toBe('true')
    expect(lines()[0]!.dataset.seq).toBe('1')
    expect(lines().length).toBeLessThan(100)
  })

  it('follows live lines, and pausing freezes the view while counting new ones', async () => {
    const { transport } = await renderApp({
      hash: '#logs',
      handlers: { readLogs: () => ({ entries: makeLogs(2), sources: [] }) },
    })
    await waitFor(() => expect(lines()).toHaveLength(2))
    act(() => transport.emit('logs', makeLogs(1, 'runnerdock-1', 3)))
    expect(lines()).toHaveLength(3)
    fireEvent.click(screen.getByTestId('log-pause'))
    act(() => transport.emit('logs', makeLogs(2, 'runnerdock-2', 4)))
    expect(lines()).toHaveLength(3)
    expect(screen.getByTestId('log-pause').textContent).toBe('Follow (2 new)')
    fireEvent.click(screen.getByTestId('log-pause'))
    expect(lines()).toHaveLength(5)
    expect(screen.getByTestId('log-source').textContent).toContain('runnerdock-2')
  })

  it('filters and highlights a search, case-insensitively, across colours', async () => {
    await renderApp({
      hash: '#logs',
      handlers: {
        readLogs: () => ({
          entries: [entry(1, 'alpha one'), entry(2, 'beta'), entry(3, '\x1b[32mAl\x1b[0mpha two')],
          sources: [],
        }),
      },
    })
    await waitFor(() => expect(lines()).toHaveLength(3))
    fireEvent.change(screen.getByTestId('log-search'), { target: { value: 'alpha' } })
    await waitFor(() => expect(lines()).toHaveLength(2))
    expect([...document.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'alpha',
      'Al',
      'pha',
    ])
    fireEvent.click(screen.getByLabelText('Only matching lines'))
    expect(lines()).toHaveLength(3)
    expect(document.querySelectorAll('mark')).toHaveLength(3)
  })

  it('copies and saves the visible lines as plain text', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const createObjectURL = vi.fn(() => 'blob:log')
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await renderApp({
      hash: '#logs',
      handlers: {
        readLogs: () => ({
          entries: [entry(1, '\x1b[1mbuild\x1b[0m ok'), entry(2, 'test ok', 'runner-b')],
          sources: [],
        }),
      },
    })
    await waitFor(() => expect(lines()).toHaveLength(2))
    fireEvent.click(screen.getByTestId('log-copy'))
    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith('[runner-a] build ok\n[runner-b] test ok'),
    )
    expect(await screen.findByText('Copied 2 lines.')).toBeTruthy()
    fireEvent.click(screen.getByTestId('log-save'))
    expect(createObjectURL).toHaveBeenCalledTimes(1)
    expect(click).toHaveBeenCalledTimes(1)
    const link = click.mock.contexts[0] as HTMLAnchorElement
    expect(link.download).toMatch(/^runnerdock-all-runners-\d{8}-\d{6}\.log$/)
  })

  it('says what to do when there is nothing to show', async () => {
    await renderApp({ hash: '#logs' })
    expect((await screen.findByTestId('empty-logs')).textContent).toContain(
      'Start the pool from the Dashboard',
    )
  })

  it('steps through matches with Enter and Shift+Enter when every line is shown', async () => {
    await renderApp({
      hash: '#logs',
      handlers: {
        readLogs: () => ({
          entries: [entry(1, 'step 1'), entry(2, 'other'), entry(3, 'step 2'), entry(4, 'step 3')],
          sources: [],
        }),
      },
    })
    await waitFor(() => expect(lines()).toHaveLength(4))
    fireEvent.click(screen.getByLabelText('Only matching lines'))
    const search = screen.getByTestId('log-search')
    fireEvent.change(search, { target: { value: 'step' } })
    await waitFor(() => expect(screen.getByTestId('log-match-count').textContent).toBe('3 matches'))
    expect(lines()).toHaveLength(4)
    const current = () => document.querySelector('[data-current="true"]')?.getAttribute('data-seq')
    fireEvent.keyDown(search, { key: 'Enter' })
    expect(screen.getByTestId('log-match-count').textContent).toBe('1 of 3 matches')
    expect(current()).toBe('1')
    fireEvent.keyDown(search, { key: 'Enter' })
    expect(current()).toBe('3')
    fireEvent.keyDown(search, { key: 'Enter', shiftKey: true })
    expect(current()).toBe('1')
    fireEvent.click(screen.getByTestId('log-match-prev'))
    expect(current()).toBe('4')
    expect(screen.getByTestId('log-match-count').textContent).toBe('3 of 3 matches')
    // Stepping stops following, so the match stays in view.
    expect(screen.getByTestId('log-pause').getAttribute('aria-pressed')).toBe('true')
  })

  it('names runners by their job and target, and heads the log with the job, result and run', async () => {
    const url = 'https://github.com/octo/app/actions/runs/7/job/9'
    await renderApp({
      hash: '#logs/rd-1',
      state: makeAppState({
        snapshot: makeSnapshot({
          runners: [makeRunner({ name: 'rd-2', target: 'acme/widgets' })],
          recent: [
            makeRunner({
              name: 'rd-1',
              phase: 'gone',
              jobUrl: url,
              job: { name: 'test suite', startedAt: 1, result: 'Succeeded', finishedAt: 2 },
            }),
          ],
        }),
      }),
      handlers: {
        readLogs: () => ({ entries: [], sources: [source('rd-1', true), source('rd-2', false)] }),
      },
    })
    await waitFor(() =>
      expect(
        [...(screen.getByTestId('log-source') as HTMLSelectElement).options].map(
          (o) => o.textContent,
        ),
      ).toEqual([
        'All runners',
        'idle — acme/widgets (rd-2)',
        'test suite: Succeeded — octo/app (rd-1)',
      ]),
    )
    expect(screen.getByTestId('log-job').textContent).toBe('test suite')
    expect(screen.getByTestId('log-result').textContent).toBe('Succeeded')
    expect(screen.getByTestId('log-run-link').getAttribute('href')).toBe(url)
  })

  it('shows step output and terminal lines, the runner trace dimmed only when asked for', async () => {
    const { transport } = await renderApp({
      hash: '#logs/runner-a',
      handlers: {
        readLogs: () => ({
          entries: [
            entry(
              1,
              '[RUNNER 2026-11-29 21:00:00Z INFO Terminal] WRITE LINE: 2026-11-29 21:00:00Z: Running job: build',
              'runner-a',
              'trace',
            ),
            entry(2, '2026-11-29 21:00:00Z: Running job: build'),
            entry(3, '##[group]Run make test', 'runner-a', 'step'),
            entry(4, 'ok 1 - step works', 'runner-a', 'step'),
            entry(
              5,
              '[RUNNER 2026-11-29 21:00:01Z INFO JobDispatcher] Worker finished for job j. Code: 100',
              'runner-a',
              'trace',
            ),
          ],
          sources: [source('runner-a', false)],
        }),
      },
    })
    await waitFor(() => expect(lines()).toHaveLength(3))
    expect(lines().map((l) => l.dataset.seq)).toEqual(['2', '3', '4'])
    expect(lines()[1]!.className).toContain('log-step')
    expect(screen.getByRole('status').textContent).toBe('3 lines (2 runner trace lines hidden)')

    // Searching does not find what is hidden; stepping lands on the rows shown.
    fireEvent.click(screen.getByLabelText('Only matching lines'))
    const search = screen.getByTestId('log-search')
    fireEvent.change(search, { target: { value: 'job' } })
    await waitFor(() => expect(screen.getByTestId('log-match-count').textContent).toBe('1 match'))
    fireEvent.keyDown(search, { key: 'Enter' })
    expect(document.querySelector('[data-current="true"]')?.getAttribute('data-seq')).toBe('2')

    fireEvent.click(screen.getByTestId('log-trace'))
    await waitFor(() => expect(screen.getByTestId('log-match-count').textContent).toBe('3 matches'))
    expect(lines()).toHaveLength(5)
    expect(lines()[0]!.className).toContain('log-trace')
    fireEvent.change(search, { target: { value: '' } })
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('5 lines (paused)'))

    // Live trace lines stay out of the way while the trace is hidden again.
    fireEvent.click(screen.getByTestId('log-trace'))
    act(() =>
      transport.emit('logs', [
        entry(6, '[RUNNER 2026-11-29 21:00:02Z INFO Runner] x', 'runner-a', 'trace'),
      ]),
    )
    fireEvent.click(screen.getByTestId('log-pause'))
    expect(lines().map((l) => l.dataset.seq)).toEqual(['2', '3', '4'])
  })

  it('says the trace is hidden when a runner has printed nothing else yet', async () => {
    await renderApp({
      hash: '#logs/runner-a',
      handlers: {
        readLogs: () => ({
          entries: [
            entry(
              1,
              '[RUNNER 2026-11-29 21:00:00Z INFO Listener] Version: 2.330.0',
              'runner-a',
              'trace',
            ),
          ],
          sources: [source('runner-a', false)],
        }),
      },
    })
    expect((await screen.findByTestId('empty-logs')).textContent).toBe(
      'Only the runner’s trace so far. Turn on "Runner trace" to see it.',
    )
  })
})
