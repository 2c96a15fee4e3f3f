// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAppState, makeSnapshot } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

const change = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } })

describe('settings', () => {
  it('marks invalid fields, says where they are, focuses the first, and sends nothing', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    change('settings-labels', 'gpu, two words')
    change('settings-memory', '12')
    fireEvent.click(screen.getByTestId('settings-save'))
    expect((await screen.findByTestId('settings-error')).textContent).toBe(
      'Not saved: fix Labels and Memory limit.',
    )
    expect(screen.getAllByTestId('field-error').map((e) => e.textContent)).toEqual([
      expect.stringContaining('A label has no spaces'),
      expect.stringContaining('at least 64'),
    ])
    expect(screen.getByTestId('settings-memory').getAttribute('aria-invalid')).toBe('true')
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('settings-labels')))
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

describe('settings checked at save', () => {
  it("shows the engine's refusal at the field it names, focused", async () => {
    await renderApp({
      hash: '#settings',
      handlers: {
        updateSettings: () => ({
          ok: false,
          field: 'networkMode',
          message: 'Docker has no network named "hots".',
        }),
      },
    })
    change('settings-network', 'hots')
    fireEvent.click(screen.getByTestId('settings-save'))
    expect((await screen.findByTestId('settings-error')).textContent).toBe(
      'Not saved: fix Docker network. Docker has no network named "hots".',
    )
    expect(screen.getByTestId('field-error').textContent).toBe(
      'Docker has no network named "hots".',
    )
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('settings-network')))
  })

  it('shows what the engine found at each field, and that a running pool restarts', async () => {
    await renderApp({
      hash: '#settings',
      state: makeAppState({ snapshot: makeSnapshot({ running: true }) }),
      handlers: {
        updateSettings: () => ({
          ok: true,
          notes: [
            {
              field: 'image',
              level: 'info',
              message: 'The image is not on this machine yet: it is pulled when the pool starts.',
            },
          ],
        }),
      },
    })
    change('settings-image', 'my/runner:2')
    fireEvent.click(screen.getByTestId('settings-save'))
    expect((await screen.findByTestId('settings-saved')).textContent).toBe(
      'Saved. Restarting with the new settings once running jobs finish.',
    )
    expect(screen.getByTestId('field-note-image').textContent).toMatch(
      /pulled when the pool starts/,
    )
  })

  it('refuses an image name Docker could never pull without asking the engine', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    change('settings-image', 'my runner')
    fireEvent.click(screen.getByTestId('settings-save'))
    expect((await screen.findByTestId('settings-error')).textContent).toMatch(
      /^Not saved: fix Runner image\. "my runner" has a space/,
    )
    expect(transport.callsTo('updateSettings')).toEqual([])
  })

  it('opens at the field a fix link names', async () => {
    await renderApp({ hash: '#settings/image' })
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('settings-image')))
  })

  it('puts the Docker access risk in a warning box while it is on', async () => {
    await renderApp({ hash: '#settings' })
    fireEvent.click(screen.getByTestId('settings-docker-access'))
    const box = screen.getByTestId('docker-access-warning')
    expect(box.className).toBe('warning-box')
    expect(box.getAttribute('role')).toBe('note')
  })

  it('shows Sign in with GitHub as soon as the engine says it is available', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    expect(screen.queryByTestId('device-flow-start')).toBeNull()
    act(() => transport.emit('deviceFlow', { state: 'idle', available: true }))
    expect(screen.getByTestId('device-flow-start')).toBeTruthy()
  })

  it('sets GitHub Enterprise in the setup card and says tokens are kept per host', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    fireEvent.click(screen.getByText('Using GitHub Enterprise?'))
    change('api-url-input', 'https://ghe.example.com/api/v3')
    fireEvent.click(screen.getByTestId('api-url-save'))
    await waitFor(() =>
      expect(transport.callsTo('updateSettings')).toEqual([
        { patch: { apiUrl: 'https://ghe.example.com/api/v3' } },
      ]),
    )
    expect((await screen.findByTestId('api-url-message')).textContent).toBe(
      'Saved. Tokens are kept per host: RunnerDock now uses the token saved for ghe.example.com, or asks for one below.',
    )
  })
})
