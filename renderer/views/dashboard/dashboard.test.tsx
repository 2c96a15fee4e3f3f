// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeAppState, makeRunner, makeSnapshot } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const problem = {
  state: 'problem' as const,
  summary: 'Docker is not running',
  problem: 'Start Docker Desktop, then press Retry.',
  checkedAt: 1,
}
const ok = { state: 'ok' as const, summary: 'Reachable', problem: null, checkedAt: 1 }

describe('dashboard', () => {
  it('says what the last stop left and what to do, until the pool runs again', async () => {
    const lastStop = {
      at: 1,
      containersLeft: [
        { id: 'abcdef1234567890', name: 'rd-1', state: 'running', problem: 'permission denied' },
      ],
      registrationsLeft: [],
      dockerChecked: true,
      githubChecked: true,
    }
    await renderApp({
      state: makeAppState({ snapshot: makeSnapshot({ running: false, lastStop }) }),
    })
    const banner = screen.getByTestId('stop-leftovers')
    expect(banner.textContent).toContain('rd-1 (permission denied)')
    expect(banner.textContent).toContain('docker rm -f abcdef123456')
    cleanup()
    await renderApp({
      state: makeAppState({ snapshot: makeSnapshot({ running: true, lastStop }) }),
    })
    expect(screen.queryByTestId('stop-leftovers')).toBeNull()
  })

  it('shows the value at once and sends one setDesired after the slider settles', async () => {
    const { transport } = await renderApp()
    const slider = screen.getByTestId('scale-slider')
    expect(slider.getAttribute('max')).toBe('8')
    fireEvent.change(slider, { target: { value: '2' } })
    fireEvent.change(slider, { target: { value: '3' } })
    expect(screen.getByTestId('desired-count').textContent).toBe('3')
    expect(transport.callsTo('setDesired')).toEqual([])
    await waitFor(() => expect(transport.callsTo('setDesired')).toEqual([{ count: 3 }]))
    await new Promise((r) => setTimeout(r, 200))
    expect(transport.callsTo('setDesired')).toHaveLength(1)
  })

  it('counts desired, actual, busy and idle runners and lists them busy first', async () => {
    const state = makeAppState({
      snapshot: makeSnapshot({
        running: true,
        desired: 3,
        runners: [
          makeRunner({ name: 'r-idle' }),
          makeRunner({
            name: 'r-busy',
            phase: 'busy',
            job: { name: 'build', startedAt: Date.now() - 65_000, result: null, finishedAt: null },
          }),
          makeRunner({ name: 'r-new', phase: 'creating', onlineAt: null, createdAt: 0 }),
        ],
      }),
    })
    await renderApp({ state })
    expect(screen.getByTestId('desired-count').textContent).toBe('3')
    expect(screen.getByTestId('actual-count').textContent).toBe('3')
    expect(screen.getByTestId('busy-count').textContent).toBe('1')
    expect(screen.getByTestId('idle-count').textContent).toBe('1')
    const rows = screen.getAllByTestId('runner-row')
    expect(rows.map((r) => r.getAttribute('data-runner'))).toEqual(['r-busy', 'r-idle', 'r-new'])
    expect(rows[2]!.dataset).toMatchObject({ phase: 'creating' })
    expect(within(rows[0]!).getByTestId('runner-job').textContent).toMatch(
      /Running build \(1 min 0[5-7] s\)/,
    )
  })

  it('ticks the job timer', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const since = Date.now()
    await renderApp({
      state: makeAppState({
        snapshot: makeSnapshot({
          running: true,
          runners: [
            makeRunner({
              phase: 'busy',
              job: { name: 'test', startedAt: since, result: null, finishedAt: null },
            }),
          ],
        }),
      }),
    })
    const job = () => screen.getByTestId('runner-job').textContent
    const before = job()
    act(() => void vi.advanceTimersByTime(5_000))
    expect(job()).not.toBe(before)
    expect(job()).toMatch(/Running test \([5-7] s\)/)
  })

  it('starts, stops after jobs and stops now', async () => {
    const { transport } = await renderApp()
    fireEvent.click(screen.getByTestId('pool-start'))
    await waitFor(() => expect(transport.callsTo('start')).toHaveLength(1))
    act(() => transport.emit('snapshot', makeSnapshot({ running: true })))
    expect(screen.queryByTestId('pool-start')).toBeNull()
    fireEvent.click(screen.getByTestId('pool-stop'))
    await waitFor(() => expect(transport.callsTo('stop')).toEqual([{ mode: 'drain' }]))
    act(() => transport.emit('snapshot', makeSnapshot({ running: true, stopping: 'drain' })))
    expect(screen.queryByTestId('pool-stop')).toBeNull()
    fireEvent.click(screen.getByTestId('pool-stop-now'))
    fireEvent.click(within(screen.getByTestId('confirm-stop-now')).getByTestId('confirm-ok'))
    await waitFor(() =>
      expect(transport.callsTo('stop')).toEqual([{ mode: 'drain' }, { mode: 'now' }]),
    )
  })

  it('says what to do when there are no runners', async () => {
    await renderApp()
    expect(screen.getByTestId('empty-runners').textContent).toBe(
      'The pool is stopped. Press Start to run 1 runner for octo/app.',
    )
  })

  it('shows health, the hold once with Retry, and the image download', async () => {
    const state = makeAppState({
      snapshot: makeSnapshot({
        running: true,
        health: {
          docker: problem,
          github: ok,
          token: ok,
          image: { ...ok, state: 'unknown', summary: 'Not checked yet' },
        },
        blocked: {
          reason: 'docker',
          message: 'Docker is not running. Start Docker Desktop, then press Retry.',
          until: null,
        },
        imagePull: {
          image: 'ghcr.io/actions/actions-runner:latest',
          currentBytes: 50_000_000,
          totalBytes: 200_000_000,
          status: 'Downloading',
        },
      }),
    })
    const { transport } = await renderApp({ state })
    const docker = screen.getByTestId('health-docker')
    expect(docker.dataset.state).toBe('problem')
    // The banner explains it; the health line does not say it a second time.
    expect(docker.textContent).not.toContain('Start Docker Desktop')
    expect(docker.textContent).toContain('Explained in the banner above.')
    expect(screen.getByTestId('health-github').dataset.state).toBe('ok')
    expect(screen.getByTestId('health-image').dataset.state).toBe('unknown')
    expect(screen.getByTestId('blocked-banner').textContent).toContain('Docker is not running.')
    expect(screen.getByTestId('pool-state').textContent).toBe('On hold')
    expect(screen.getByTestId('empty-runners').textContent).toBe(
      'No runners while the pool is on hold.',
    )
    fireEvent.click(screen.getByTestId('retry'))
    await waitFor(() => expect(transport.callsTo('retry')).toHaveLength(1))
    const progress = screen.getByTestId('image-progress')
    expect(progress.textContent).toContain('50.0 MB of 200.0 MB')
    expect(progress.querySelector('progress')?.getAttribute('value')).toBe('50000000')
  })

  it('shows a banner while reconnecting and notices and failures as toasts', async () => {
    const { transport } = await renderApp({
      handlers: {
        start: () => ({
          ok: false,
          message: 'Choose a repository or organization in Settings first.',
        }),
      },
    })
    expect(screen.queryByTestId('connection-banner')).toBeNull()
    act(() => transport.setStatus('reconnecting'))
    expect(screen.getByTestId('connection-banner').textContent).toContain('Reconnecting')
    act(() => transport.setStatus('open'))
    expect(screen.queryByTestId('connection-banner')).toBeNull()
    act(() => {
      transport.emit('notice', { time: 1, level: 'info', runner: 'r1', message: 'Online.' })
      transport.emit('notice', {
        time: 2,
        level: 'warn',
        runner: 'r1',
        message: 'Job build: Failed.',
      })
      transport.emit('notice', { time: 3, level: 'info', runner: null, message: 'Settings saved.' })
    })
    fireEvent.click(screen.getByTestId('pool-start'))
    // A runner's routine info is not toasted; its warnings and pool-wide news are.
    await waitFor(() => expect(screen.getAllByTestId('toast')).toHaveLength(3))
    expect(screen.getAllByTestId('toast').map((t) => t.dataset.level)).toEqual([
      'warn',
      'info',
      'error',
    ])
  })

  it('switches to the log viewer from the Logs link', async () => {
    await renderApp()
    expect(screen.getByTestId('open-logs').getAttribute('href')).toBe('#logs')
    act(() => {
      window.location.hash = '#logs'
      window.dispatchEvent(new HashChangeEvent('hashchange'))
    })
    expect(await screen.findByTestId('log-viewer')).toBeTruthy()
  })
})
