// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../common/settings'
import { makeAppState, makeRunner, makeSnapshot, makeToken } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

const busy = (name: string, job: string) =>
  makeRunner({
    name,
    phase: 'busy',
    target: 'acme/widgets',
    job: { name: job, startedAt: Date.now(), result: null, finishedAt: null },
  })

describe('pool card', () => {
  it('keeps Start disabled until setup is complete, with the reason beside it', async () => {
    const { transport } = await renderApp({
      state: makeAppState({ settings: defaultSettings(), token: makeToken() }),
    })
    const start = screen.getByTestId('pool-start') as HTMLButtonElement
    expect(start.disabled).toBe(true)
    expect(screen.getByTestId('start-reason').textContent).toBe(
      'Choose where runners register and add a GitHub token in the setup above.',
    )
    expect(start.getAttribute('aria-describedby')).toBe(
      screen.getByTestId('start-reason').getAttribute('id'),
    )
    act(() =>
      transport.emit('settings', {
        settings: { ...defaultSettings(), targets: [{ kind: 'repo', owner: 'o', repo: 'r' }] },
        warning: null,
      }),
    )
    expect(screen.getByTestId('start-reason').textContent).toBe(
      'Add a GitHub token in the setup above.',
    )
  })

  it('asks before Stop now, naming the jobs that will fail; Esc and Cancel keep them', async () => {
    const { transport } = await renderApp({
      state: makeAppState({
        snapshot: makeSnapshot({
          running: true,
          runners: [busy('rd-1', 'build'), busy('rd-2', 'deploy'), makeRunner({ name: 'rd-3' })],
        }),
      }),
    })
    const opener = screen.getByTestId('pool-stop-now')
    opener.focus()
    fireEvent.click(opener)
    const dialog = screen.getByTestId('confirm-stop-now')
    expect(dialog.getAttribute('role')).toBe('alertdialog')
    expect(within(dialog).getByRole('heading').textContent).toBe('Stop now and fail 2 jobs?')
    expect(within(dialog).getByTestId('jobs-at-risk').textContent).toContain(
      'build on acme/widgets',
    )
    expect(within(dialog).getByTestId('jobs-at-risk').textContent).toContain('deploy')
    // Focus starts on Cancel and Tab stays inside.
    const cancel = within(dialog).getByTestId('confirm-cancel')
    const ok = within(dialog).getByTestId('confirm-ok')
    expect(document.activeElement).toBe(cancel)
    fireEvent.keyDown(dialog, { key: 'Tab' })
    expect(document.activeElement).toBe(ok)
    fireEvent.keyDown(dialog, { key: 'Tab' })
    expect(document.activeElement).toBe(cancel)
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(ok)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByTestId('confirm-stop-now')).toBeNull()
    expect(document.activeElement).toBe(opener)
    fireEvent.click(opener)
    fireEvent.click(screen.getByTestId('confirm-cancel'))
    expect(transport.callsTo('stop')).toEqual([])
  })

  it('counts runners being removed apart from the ones running', async () => {
    await renderApp({
      state: makeAppState({
        snapshot: makeSnapshot({
          running: true,
          runners: [
            makeRunner({ name: 'rd-1' }),
            makeRunner({ name: 'rd-2', phase: 'retiring', ending: 'scaled-down' }),
            makeRunner({ name: 'rd-3', phase: 'removing', ending: 'scaled-down' }),
          ],
        }),
      }),
    })
    expect(screen.getByTestId('actual-count').textContent).toBe('1')
    expect(screen.getByTestId('leaving-count').textContent).toBe('2')
  })

  it('switches to on demand and sets the warm minimum, the maximum and the idle timeout live', async () => {
    const state = makeAppState()
    const { transport } = await renderApp({ state })
    expect(screen.getByTestId('scale-slider')).toBeTruthy()
    fireEvent.click(screen.getByTestId('mode-on-demand'))
    await waitFor(() =>
      expect(transport.callsTo('updateSettings')).toEqual([{ patch: { mode: 'on-demand' } }]),
    )
    act(() =>
      transport.emit('settings', {
        settings: { ...state.settings, mode: 'on-demand' },
        warning: null,
      }),
    )
    expect(screen.queryByTestId('scale-slider')).toBeNull()
    const minIdle = screen.getByTestId('pool-min-idle')
    fireEvent.change(minIdle, { target: { value: '2' } })
    fireEvent.keyDown(minIdle, { key: 'Enter' })
    const max = screen.getByTestId('pool-max-runners')
    expect(max.getAttribute('placeholder')).toBe('automatic (8)')
    fireEvent.change(max, { target: { value: '0' } })
    fireEvent.blur(max)
    expect(screen.getByTestId('field-error').textContent).toMatch(/from 1 to 64/)
    fireEvent.change(max, { target: { value: '6' } })
    fireEvent.blur(max)
    const timeout = screen.getByTestId('pool-idle-timeout')
    fireEvent.change(timeout, { target: { value: '15' } })
    fireEvent.blur(timeout)
    await waitFor(() =>
      expect(transport.callsTo('updateSettings').slice(1)).toEqual([
        { patch: { minIdle: 2 } },
        { patch: { maxRunners: 6 } },
        { patch: { idleTimeoutMinutes: 15 } },
      ]),
    )
  })

  it('shows how many jobs wait while on demand', async () => {
    const state = makeAppState({
      settings: { ...makeAppState().settings, mode: 'on-demand' },
      snapshot: makeSnapshot({
        running: true,
        mode: 'on-demand',
        targets: [
          {
            ...makeSnapshot().targets[0]!,
            queued: 3,
            wanted: 3,
          },
        ],
      }),
    })
    await renderApp({ state })
    expect(screen.getByTestId('queued-count').textContent).toBe('3')
    expect(screen.getByTestId('desired-count').textContent).toBe('3')
  })
})
