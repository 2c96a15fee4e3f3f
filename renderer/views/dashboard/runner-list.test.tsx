// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAppState, makeRunner, makeSnapshot } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

const RUN = 'https://github.com/octo/app/actions/runs/7/job/9'
const job = (name: string, result: string | null) => ({
  name,
  startedAt: Date.now() - 30_000,
  result,
  finishedAt: result === null ? null : Date.now() - 10_000,
})

describe('runner list', () => {
  it('shows the runner version each runner printed', async () => {
    await renderApp({
      state: makeAppState({
        snapshot: makeSnapshot({
          running: true,
          runners: [makeRunner({ name: 'rd-1', version: '2.330.0' }), makeRunner({ name: 'rd-2' })],
        }),
      }),
    })
    const [first, second] = screen.getAllByTestId('runner-row')
    expect(within(first!).getByTestId('runner-version').textContent).toBe(' v2.330.0')
    expect(within(second!).queryByTestId('runner-version')).toBeNull()
  })

  it('makes a running job stand out: a badge and its name linked to the run', async () => {
    const { transport } = await renderApp({
      state: {
        ...makeAppState({
          snapshot: makeSnapshot({
            running: true,
            runners: [
              makeRunner({ name: 'rd-1', phase: 'busy', job: job('build', null), jobUrl: RUN }),
            ],
          }),
        }),
        host: 'electron',
      },
    })
    const busy = screen.getByTestId('runner-row')
    expect(within(busy).getByTestId('runner-badge').textContent).toBe('running a job')
    const link = within(busy).getByTestId('runner-job-link')
    expect(link.getAttribute('href')).toBe(RUN)
    fireEvent.click(link)
    await waitFor(() => expect(transport.callsTo('openExternal')).toEqual([{ url: RUN }]))
  })

  it('shows a normal scale-down as one, not as an error', async () => {
    await renderApp({
      state: makeAppState({
        snapshot: makeSnapshot({
          running: true,
          runners: [
            makeRunner({
              name: 'rd-2',
              phase: 'removing',
              ending: 'scaled-down',
              problem: 'Docker stopped the container.',
            }),
          ],
        }),
      }),
    })
    const r = screen.getByTestId('runner-row')
    expect(r.className).toBe('leaving')
    expect(within(r).getByTestId('runner-badge').textContent).toBe('being removed')
    expect(within(r).getByTestId('runner-badge').className).not.toMatch(/failed|error/)
    expect(within(r).getByTestId('runner-job').textContent).toBe('Removed (scaled down)')
  })

  it('lists recent jobs only, with result colour, when, duration, log and run links', async () => {
    await renderApp({
      state: makeAppState({
        snapshot: makeSnapshot({
          recent: [
            makeRunner({
              name: 'rd-1',
              phase: 'gone',
              job: job('build', 'Succeeded'),
              jobUrl: RUN,
            }),
            makeRunner({ name: 'rd-2', phase: 'gone', job: null }),
            makeRunner({ name: 'rd-3', phase: 'gone', job: job('test', 'Failed') }),
            makeRunner({ name: 'rd-1', phase: 'gone', job: job('build', 'Succeeded') }),
          ],
        }),
      }),
    })
    const rows = screen.getAllByTestId('recent-job')
    expect(rows.map((r) => r.dataset.runner)).toEqual(['rd-1', 'rd-3'])
    expect(within(rows[0]!).getByText('Succeeded').className).toContain('badge-ok')
    expect(within(rows[1]!).getByText('Failed').className).toContain('badge-error')
    expect(rows[0]!.textContent).toMatch(/10 s ago/)
    expect(rows[0]!.textContent).toContain('20 s')
    expect(within(rows[0]!).getByTestId('recent-run-link').getAttribute('href')).toBe(RUN)
    expect(within(rows[1]!).queryByTestId('recent-run-link')).toBeNull()
    expect(within(rows[1]!).getByText('Log').getAttribute('href')).toBe('#logs/rd-3')
    expect(screen.queryByText(/Last result/)).toBeNull()
  })
})
