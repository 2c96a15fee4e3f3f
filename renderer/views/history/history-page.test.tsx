// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { testJobRecord } from '../../../common/testing/job-records'
import { makeAppState, makeSnapshot } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('the History tab', () => {
  it('says how jobs get there when there are none, with the exact runs-on line', async () => {
    const state = makeAppState({
      snapshot: makeSnapshot({ labels: ['self-hosted', 'Linux', 'X64'] }),
    })
    const { transport } = await renderApp({ hash: '#history', state })
    expect(await screen.findByTestId('history-empty')).toBeTruthy()
    expect(screen.getByTestId('history-empty-how').textContent).toContain(
      'runs-on: [self-hosted, Linux, X64]',
    )
    expect(screen.getByTestId('history-empty-how').textContent).toContain('runnerdock jobs')
    expect(transport.callsTo('listJobs')).toEqual([{ limit: 5_000 }])
  })

  it('shows a job the engine reports while it is open, with its result and times', async () => {
    const { transport } = await renderApp({ hash: '#history' })
    await screen.findByTestId('history-empty')
    act(() => transport.emit('job', testJobRecord({ id: '9', job: 'deploy', result: 'Failed' })))
    const row = await screen.findByTestId('history-row')
    expect(row.dataset.job).toBe('9')
    expect(row.textContent).toContain('Failed')
    expect(row.textContent).toContain('1 min 35 s')
    expect(screen.queryByTestId('history-empty')).toBeNull()
  })

  it('opens a job’s log in this page and its run in a new tab (browser)', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    await renderApp({
      hash: '#history',
      handlers: { listJobs: () => ({ records: [testJobRecord()], problem: null }) },
    })
    const row = await screen.findByTestId('history-row')
    fireEvent.click(within(row).getByTestId('job-open-run'))
    expect(open).toHaveBeenCalledWith(
      'https://github.com/octo/app/actions/runs/77',
      '_blank',
      'noopener,noreferrer',
    )
    fireEvent.click(within(row).getByTestId('job-open-log'))
    expect(window.location.hash).toBe('#logs/rd-ab12cd34-0001')
  })

  it('asks the desktop app to open the log window and the run', async () => {
    const { transport } = await renderApp({
      hash: '#history',
      state: makeAppState({ host: 'electron' }),
      handlers: {
        listJobs: () => ({ records: [testJobRecord()], problem: null }),
        openLogs: () => ({ ok: true }),
      },
    })
    const row = await screen.findByTestId('history-row')
    fireEvent.click(within(row).getByTestId('job-open-log'))
    fireEvent.click(within(row).getByTestId('job-open-run'))
    expect(transport.callsTo('openLogs')).toEqual([{ runner: 'rd-ab12cd34-0001' }])
    expect(transport.callsTo('openExternal')).toEqual([
      { url: 'https://github.com/octo/app/actions/runs/77' },
    ])
  })

  it('says when the engine keeps no history, and offers to retry a failed read', async () => {
    let fail = true
    await renderApp({
      hash: '#history',
      handlers: {
        listJobs: () =>
          fail
            ? Promise.reject(new Error('Lost the connection'))
            : { records: [], problem: 'Job history is off: the disk is full.' },
      },
    })
    const error = await screen.findByTestId('history-error')
    expect(error.textContent).toContain('Lost the connection')
    fail = false
    fireEvent.click(within(error).getByRole('button', { name: 'Try again' }))
    expect((await screen.findByTestId('history-problem')).textContent).toBe(
      'Job history is off: the disk is full.',
    )
    expect(screen.queryByTestId('history-error')).toBeNull()
  })
})
