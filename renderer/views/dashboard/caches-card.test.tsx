// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAppState } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

const listed = {
  ok: true,
  enabled: true,
  limitBytes: 20_000_000_000,
  totalBytes: 1_300_000_000,
  caches: [
    { key: 'github.com/acme', bytes: 1_200_000_000, inUse: 2, retired: false },
    { key: 'github.com/octo/app', bytes: 100_000_000, inUse: 0, retired: false },
    { key: 'github.com/octo/app', bytes: 50_000_000, inUse: 1, retired: true },
  ],
}

describe('caches card', () => {
  it('shows each target’s cache, who uses it, and the total against the cap', async () => {
    await renderApp({ handlers: { listCaches: () => listed } })
    const rows = await screen.findAllByTestId('cache-row')
    expect(rows.map((r) => r.textContent)).toEqual([
      'github.com/acme1.2 GBIn use by 2 runnersClear',
      'github.com/octo/app100 MBIdleClear',
      'github.com/octo/app50 MBCleared: goes when its runner ends',
    ])
    expect(screen.getByTestId('caches-total').textContent).toBe('1.3 GB of a 20 GB cap (change).')
  })

  it('clears all, or one target, only after a confirmation that says running jobs keep theirs', async () => {
    const { transport } = await renderApp({
      handlers: {
        listCaches: () => listed,
        clearCaches: () => ({ ok: true, removed: 1, waiting: 1, message: 'Cleared.' }),
      },
    })
    await screen.findAllByTestId('cache-row')
    fireEvent.click(screen.getByTestId('caches-clear'))
    const dialog = screen.getByTestId('caches-confirm')
    expect(dialog.textContent).toMatch(/A job running now keeps the cache it started with/)
    fireEvent.click(within(dialog).getByTestId('confirm-cancel'))
    expect(transport.callsTo('clearCaches')).toEqual([])

    fireEvent.click(screen.getByTestId('caches-clear'))
    fireEvent.click(within(screen.getByTestId('caches-confirm')).getByTestId('confirm-ok'))
    await waitFor(() => expect(transport.callsTo('clearCaches')).toEqual([{}]))
    const one = screen.getByRole('button', { name: 'Clear the caches of github.com/acme' })
    await waitFor(() => expect((one as HTMLButtonElement).disabled).toBe(false))

    fireEvent.click(one)
    expect(screen.getByTestId('caches-confirm').textContent).toMatch(/github\.com\/acme/)
    fireEvent.click(within(screen.getByTestId('caches-confirm')).getByTestId('confirm-ok'))
    await waitFor(() =>
      expect(transport.callsTo('clearCaches')).toEqual([{}, { target: 'github.com/acme' }]),
    )
    await waitFor(() => expect(transport.callsTo('listCaches').length).toBeGreaterThanOrEqual(3))
  })

  it('says when caches are off, when there are none, and when Docker cannot be asked', async () => {
    await renderApp({
      state: makeAppState({ settings: { ...makeAppState().settings, caches: false } }),
      handlers: { listCaches: () => ({ ok: false, message: 'Docker is not running.' }) },
    })
    expect((await screen.findByTestId('caches-error')).textContent).toBe('Docker is not running.')
    expect(screen.getByTestId('caches-off').textContent).toMatch(/Caches are off/)
    expect(screen.getByTestId('caches-settings').getAttribute('href')).toBe('#settings/caches')
    cleanup()
    await renderApp()
    expect((await screen.findByTestId('caches-empty')).textContent).toMatch(/No caches yet/)
    expect((screen.getByTestId('caches-clear') as HTMLButtonElement).disabled).toBe(true)
  })
})
