// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeAppState } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const FILES = [
  { path: 'octo-app.values.yaml', text: 'githubConfigUrl: https://github.com/octo/app\n' },
  { path: 'arc-guide.md', text: '# Moving to ARC\n' },
]
const exported = () => ({ ok: true, chartVersion: '0.12.1', files: FILES })

async function exportNow(handlers: Record<string, (input: unknown) => unknown>, host = 'headless') {
  const state = makeAppState({ host: host as 'headless' | 'electron' })
  const view = await renderApp({ hash: '#settings', state, handlers })
  fireEvent.click(screen.getByTestId('arc-export-start'))
  return { ...view, state }
}

describe('Export for Kubernetes', () => {
  it('shows each generated file with a copy and a download button (browser)', async () => {
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    const { transport } = await exportNow({ exportArc: exported })
    const rows = await screen.findAllByTestId('arc-export-file')
    expect(rows.map((r) => r.dataset.path)).toEqual(['octo-app.values.yaml', 'arc-guide.md'])
    expect(screen.getByTestId('arc-export-status').textContent).toBe(
      '2 files for chart version 0.12.1, from the saved settings.',
    )
    expect(screen.queryByTestId('arc-export-save')).toBeNull()
    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Copy octo-app.values.yaml' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(FILES[0]!.text))
    expect(await screen.findByText('Copied octo-app.values.yaml.')).toBeTruthy()
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Download arc-guide.md' }))
    expect(created).toHaveBeenCalledTimes(1)
    expect(transport.callsTo('exportArc')).toEqual([{}])
  })

  it('says why nothing can be exported, in the engine’s words', async () => {
    await exportNow({ exportArc: () => ({ ok: false, message: 'Nothing to export: no target.' }) })
    expect((await screen.findByTestId('arc-export-error')).textContent).toBe(
      'Nothing to export: no target.',
    )
    expect(screen.queryByTestId('arc-export-file')).toBeNull()
  })

  it('saves to a folder the desktop app asks for, and offers no download there', async () => {
    const { transport } = await exportNow(
      {
        exportArc: exported,
        saveArcExport: () => ({
          ok: true,
          folder: 'exports/arc',
          written: ['octo-app.values.yaml', 'arc-guide.md'],
        }),
      },
      'electron',
    )
    await screen.findAllByTestId('arc-export-file')
    expect(screen.queryByTestId('arc-export-download')).toBeNull()
    fireEvent.click(screen.getByTestId('arc-export-save'))
    await waitFor(() =>
      expect(screen.getByTestId('arc-export-status').textContent).toBe(
        'Saved octo-app.values.yaml, arc-guide.md in exports/arc.',
      ),
    )
    expect(transport.callsTo('saveArcExport')).toEqual([{}])
  })

  it('clears a shown export when the settings change (it would be stale)', async () => {
    const { transport, state } = await exportNow({ exportArc: exported })
    await screen.findAllByTestId('arc-export-file')
    act(() =>
      transport.emit('settings', {
        settings: { ...state.settings, labels: ['gpu'] },
        warning: null,
      }),
    )
    await waitFor(() => expect(screen.queryByTestId('arc-export-file')).toBeNull())
    expect(screen.getByTestId('arc-export-start').textContent).toBe('Export for Kubernetes')
  })
})
