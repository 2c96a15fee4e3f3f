// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAppState, makeSnapshot } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

describe('the shell', () => {
  it('gives each view its h1, its document title and a marked tab', async () => {
    await renderApp()
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Dashboard')
    expect(document.title).toBe('Dashboard — RunnerDock')
    expect(screen.getByTestId('open-dashboard').getAttribute('aria-current')).toBe('page')
    act(() => {
      window.location.hash = '#logs'
      window.dispatchEvent(new HashChangeEvent('hashchange'))
    })
    await screen.findByTestId('log-viewer')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Logs')
    expect(document.title).toBe('Logs — RunnerDock')
    expect(screen.getByTestId('open-logs').getAttribute('aria-current')).toBe('page')
    expect(screen.getByTestId('open-dashboard').getAttribute('aria-current')).toBeNull()
    act(() => {
      window.location.hash = '#settings'
      window.dispatchEvent(new HashChangeEvent('hashchange'))
    })
    await screen.findByTestId('settings')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Settings')
    await waitFor(() => expect(document.title).toBe('Settings — RunnerDock'))
    expect(screen.getByTestId('open-settings').getAttribute('aria-current')).toBe('page')
    act(() => {
      window.location.hash = '#history'
      window.dispatchEvent(new HashChangeEvent('hashchange'))
    })
    await screen.findByRole('main', { name: 'History' })
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('History')
    await waitFor(() => expect(document.title).toBe('History — RunnerDock'))
    expect(screen.getByTestId('open-history').getAttribute('aria-current')).toBe('page')
  })

  it('says On hold, not Running, while the pool cannot make runners', async () => {
    const { transport } = await renderApp({
      state: makeAppState({ snapshot: makeSnapshot({ running: true }) }),
    })
    expect(screen.getByTestId('pool-state').textContent).toBe('Running')
    act(() =>
      transport.emit(
        'snapshot',
        makeSnapshot({
          running: true,
          blocked: { reason: 'image', message: 'No such image.', until: null },
        }),
      ),
    )
    expect(screen.getByTestId('pool-state').textContent).toBe('On hold')
  })

  it('marks Docker access for as long as it is on', async () => {
    const state = makeAppState()
    const { transport } = await renderApp({ state })
    expect(screen.queryByTestId('docker-access-badge')).toBeNull()
    act(() =>
      transport.emit('settings', {
        settings: { ...state.settings, dockerAccess: true },
        warning: null,
      }),
    )
    expect(screen.getByTestId('docker-access-badge').textContent).toBe('Jobs can control Docker')
  })

  it('merges identical notices into one toast with a count', async () => {
    const { transport } = await renderApp()
    act(() => {
      for (let i = 0; i < 3; i++)
        transport.emit('notice', {
          time: i,
          level: 'warn',
          runner: null,
          message: 'Docker is not running.',
        })
      transport.emit('notice', { time: 4, level: 'warn', runner: null, message: 'Other.' })
    })
    const toasts = screen.getAllByTestId('toast')
    expect(toasts).toHaveLength(2)
    expect(toasts[0]!.dataset.count).toBe('3')
    expect(screen.getByTestId('toast-count').textContent).toBe('×3')
  })

  it('drops advice to type a command from notices: the dashboard has the button', async () => {
    const { transport } = await renderApp()
    act(() =>
      transport.emit('notice', {
        time: 1,
        level: 'warn',
        runner: null,
        message:
          'octo/site is public. RunnerDock registers no runners for it unless you allow it in Settings (Public repositories) or run "runnerdock up --allow-public octo/site".',
      }),
    )
    expect(screen.getByTestId('toast').textContent).not.toContain('runnerdock up')
  })
})
