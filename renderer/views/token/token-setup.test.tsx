// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../common/settings'
import { makeAppState, makeToken, validToken } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

const firstRun = () => makeAppState({ settings: defaultSettings(), token: makeToken() })
const GOOD_TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345'

describe('token setup', () => {
  it('asks for the target first and saves it with updateSettings', async () => {
    const { transport } = await renderApp({ state: firstRun() })
    expect(screen.getByTestId('token-setup')).toBeTruthy()
    const input = screen.getByTestId('target-input')
    fireEvent.change(input, { target: { value: 'not a/valid/target' } })
    fireEvent.click(screen.getByTestId('target-save'))
    expect((await screen.findByTestId('target-error')).textContent).toContain('is not a target')
    expect(transport.callsTo('updateSettings')).toEqual([])
    fireEvent.change(input, { target: { value: 'https://github.com/octo/app.git' } })
    fireEvent.click(screen.getByTestId('target-save'))
    await waitFor(() => expect(transport.callsTo('updateSettings')).toHaveLength(1))
    const { patch } = transport.callsTo('updateSettings')[0] as { patch: Record<string, unknown> }
    expect(patch.targets).toEqual([{ kind: 'repo', owner: 'octo', repo: 'app' }])
  })

  it('links to the token page for the saved target', async () => {
    const { transport } = await renderApp({ state: firstRun() })
    const link = screen.getByTestId('token-create-link')
    expect(link.getAttribute('href')).toBe(
      'https://github.com/settings/tokens/new?scopes=repo&description=RunnerDock',
    )
    const orgUrl =
      'https://github.com/settings/tokens/new?scopes=manage_runners%3Aorg&description=RunnerDock'
    act(() => transport.emit('token', makeToken({ newTokenUrl: orgUrl })))
    expect(screen.getByTestId('token-create-link').getAttribute('href')).toBe(orgUrl)
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toContain('noopener')
  })

  it('opens the token page through the engine inside Electron', async () => {
    const { transport } = await renderApp({ state: { ...firstRun(), host: 'electron' } })
    fireEvent.click(screen.getByTestId('token-create-link'))
    await waitFor(() =>
      expect(transport.callsTo('openExternal')).toEqual([{ url: firstRun().token.newTokenUrl }]),
    )
  })

  it('checks a pasted token locally, then saves it and shows whose it is', async () => {
    const { transport } = await renderApp({
      state: makeAppState({ token: makeToken() }),
      handlers: {
        saveToken: () => {
          queueMicrotask(() => transport.emit('token', validToken()))
          return { ok: true }
        },
      },
    })
    const input = screen.getByTestId('token-input')
    expect(input.getAttribute('type')).toBe('password')
    fireEvent.change(input, { target: { value: 'ghp_short' } })
    fireEvent.click(screen.getByTestId('token-save'))
    expect((await screen.findByTestId('token-error')).textContent).toBe(
      'That is too short to be a GitHub token.',
    )
    expect(transport.callsTo('saveToken')).toEqual([])
    fireEvent.change(input, { target: { value: GOOD_TOKEN } })
    fireEvent.click(screen.getByTestId('token-save'))
    const status = await screen.findByTestId('token-status')
    expect(transport.callsTo('saveToken')).toEqual([{ token: GOOD_TOKEN }])
    expect(status.textContent).toContain('octocat')
    expect(status.textContent).toContain('classic personal access token')
    expect(status.textContent).toContain('May register runners on octo/app.')
  })

  it("shows the engine's reason when a token is refused", async () => {
    await renderApp({
      state: firstRun(),
      handlers: {
        saveToken: () => ({
          ok: false,
          message: 'Not saved: The token of octocat lacks the "repo" scope.',
        }),
      },
    })
    fireEvent.change(screen.getByTestId('token-input'), { target: { value: GOOD_TOKEN } })
    fireEvent.click(screen.getByTestId('token-save'))
    expect((await screen.findByTestId('token-error')).textContent).toContain(
      'lacks the "repo" scope',
    )
  })

  it('replaces and removes a saved token', async () => {
    const { transport } = await renderApp({ hash: '#settings' })
    expect(screen.getByTestId('token-status').textContent).toContain('octocat')
    fireEvent.click(screen.getByTestId('token-replace'))
    expect(screen.getByTestId('token-input')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    fireEvent.click(screen.getByTestId('token-remove'))
    const dialog = screen.getByTestId('confirm-remove-token')
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(within(dialog).getByTestId('confirm-cancel'))
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByTestId('confirm-remove-token')).toBeNull()
    expect(transport.callsTo('removeToken')).toEqual([])
    fireEvent.click(screen.getByTestId('token-remove'))
    fireEvent.click(screen.getByTestId('confirm-ok'))
    await waitFor(() => expect(transport.callsTo('removeToken')).toHaveLength(1))
  })

  it('asks GitHub about a token the engine has not checked yet', async () => {
    const { transport } = await renderApp({
      hash: '#settings',
      state: makeAppState({ token: { ...validToken(), check: null } }),
    })
    await waitFor(() => expect(transport.callsTo('checkToken')).toHaveLength(1))
  })

  it('tells a keychain problem apart from a missing token', async () => {
    await renderApp({
      state: makeAppState({
        token: makeToken({
          keychainProblem: 'The keychain is locked. Unlock it, then press Retry.',
        }),
      }),
    })
    expect(screen.getByTestId('keychain-problem').textContent).toContain('The keychain is locked.')
    expect(screen.getByTestId('token-setup').textContent).not.toContain('No token saved yet.')
  })

  it('says an environment token is not saved and offers no removal', async () => {
    const env = validToken()
    await renderApp({
      hash: '#settings',
      state: makeAppState({ token: { ...env, source: 'environment' } }),
    })
    expect(screen.getByTestId('token-status').textContent).toContain(
      'GITHUB_TOKEN environment variable and is not saved',
    )
    expect(screen.queryByTestId('token-remove')).toBeNull()
  })

  it('runs "Sign in with GitHub" and shows the code to enter', async () => {
    const { transport } = await renderApp({
      state: { ...firstRun(), deviceFlow: { state: 'idle', available: true } },
    })
    fireEvent.click(screen.getByTestId('device-flow-start'))
    await waitFor(() => expect(transport.callsTo('startDeviceFlow')).toHaveLength(1))
    act(() =>
      transport.emit('deviceFlow', {
        state: 'pending',
        userCode: 'WDJB-MJHT',
        verificationUri: 'https://github.com/login/device',
        expiresAt: Date.now() + 900_000,
      }),
    )
    expect(screen.getByTestId('device-code').textContent).toBe('WDJB-MJHT')
    expect(screen.getByText(/expires in 1[45] min/)).toBeTruthy()
    act(() =>
      transport.emit('deviceFlow', { state: 'failed', message: 'Sign-in was denied on GitHub.' }),
    )
    expect(screen.getByRole('alert').textContent).toBe('Sign-in was denied on GitHub.')
  })
})
