// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAppState } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

const change = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } })

describe('settings', () => {
  it('marks invalid fields from the contract schema and sends nothing', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    change('settings-max-runners', '0')
    change('settings-labels', 'gpu, two words')
    change('settings-memory', '12')
    fireEvent.click(screen.getByTestId('settings-save'))
    expect((await screen.findByTestId('settings-error')).textContent).toBe(
      'Fix the fields marked below.',
    )
    expect(screen.getAllByTestId('field-error').map((e) => e.textContent)).toEqual([
      expect.stringContaining('A label has no spaces'),
      expect.stringContaining('at least 64'),
      'Enter a whole number from 1 to 64, or leave it empty for this machine’s default.',
    ])
    expect(screen.getByTestId('settings-max-runners').getAttribute('aria-invalid')).toBe('true')
    expect(transport.callsTo('updateSettings')).toEqual([])
  })

  it('saves only the changed fields as one patch', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    change('settings-labels', 'gpu, linux')
    change('settings-cpus', '2.5')
    fireEvent.click(screen.getByTestId('settings-docker-access'))
    fireEvent.click(screen.getByTestId('settings-save'))
    await screen.findByTestId('settings-saved')
    const { patch } = transport.callsTo('updateSettings')[0] as { patch: Record<string, unknown> }
    expect(patch).toEqual({ labels: ['gpu', 'linux'], cpus: 2.5, dockerAccess: true })
  })

  it("shows the engine's refusal", async () => {
    await renderApp({
      hash: '#settings',
      handlers: {
        updateSettings: () => ({ ok: false, message: 'Could not write settings.json: disk full.' }),
      },
    })
    change('settings-image', 'my/runner:1')
    fireEvent.click(screen.getByTestId('settings-save'))
    expect((await screen.findByTestId('settings-error')).textContent).toBe(
      'Could not write settings.json: disk full.',
    )
  })

  it('warns plainly about Docker access and offers start at login only in the desktop app', async () => {
    await renderApp({ hash: '#settings' })
    expect(screen.getByTestId('docker-access-warning').textContent).toContain('root-equivalent')
    expect((screen.getByTestId('settings-docker-access') as HTMLInputElement).checked).toBe(false)
    expect(screen.queryByTestId('settings-start-at-login')).toBeNull()
    cleanup()
    await renderApp({ hash: '#settings', state: { ...makeAppState(), host: 'electron' } })
    expect(screen.getByTestId('settings-start-at-login')).toBeTruthy()
  })

  it('saves an edited target with the other settings', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    change('target-input', 'octo-org')
    fireEvent.click(screen.getByTestId('settings-save'))
    await waitFor(() => expect(transport.callsTo('updateSettings')).toHaveLength(1))
    const { patch } = transport.callsTo('updateSettings')[0] as { patch: Record<string, unknown> }
    expect(patch.targets).toEqual([{ kind: 'org', org: 'octo-org' }])
  })
})
