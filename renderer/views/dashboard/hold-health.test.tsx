// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Block, Check } from '../../../common/pool-status'
import { makeAppState, makeSnapshot } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(cleanup)

const ok = (summary: string, checkedAt = Date.now()): Check => ({
  state: 'ok',
  summary,
  problem: null,
  checkedAt,
})
const held = (block: Block, networkMode: string | null = null) =>
  makeAppState({
    settings: { ...makeAppState().settings, networkMode },
    snapshot: makeSnapshot({ running: true, blocked: block }),
  })

describe('on hold', () => {
  it('leads each cause to the setting that fixes it', async () => {
    const cases: [Block, string | null, string][] = [
      [{ reason: 'image', message: 'No such image.', until: null }, null, '#settings/image'],
      [{ reason: 'token', message: 'Token revoked.', until: null }, null, '#settings/token'],
      [
        {
          reason: 'backoff',
          message: 'Runner rd-1 failed: network hots not found.',
          until: Date.now() + 30_000,
        },
        'hots',
        '#settings/networkMode',
      ],
    ]
    for (const [block, networkMode, hash] of cases) {
      await renderApp({ state: held(block, networkMode) })
      expect(screen.getByTestId('hold-fix').getAttribute('href')).toBe(hash)
      cleanup()
    }
  })

  it('has one clock, from the block', async () => {
    await renderApp({
      state: held({
        reason: 'rate-limit',
        message: 'GitHub rate limit.',
        until: Date.now() + 42_500,
      }),
    })
    expect(screen.getByTestId('hold-clock').textContent).toMatch(/^Trying again in 4[12] s\.$/)
    expect(screen.getByTestId('blocked-banner').textContent?.match(/Trying again/g)).toHaveLength(1)
  })
})

describe('health', () => {
  it('is checked again on request, and shows the network line with its fix', async () => {
    const state = makeAppState()
    const fresh = makeSnapshot({
      health: {
        docker: ok('Docker API 1.41'),
        github: ok('Reached github.com'),
        token: ok('octocat may register runners'),
        image: ok('busybox'),
        network: {
          state: 'problem',
          summary: 'No network named hots',
          problem: 'Docker has no network named "hots".',
          checkedAt: Date.now(),
        },
      },
    })
    const { transport } = await renderApp({ state, handlers: { checkHealth: () => fresh } })
    expect(screen.getByTestId('health-checked').textContent).toBe('Not checked yet.')
    fireEvent.click(screen.getByTestId('health-check-now'))
    await waitFor(() => expect(transport.callsTo('checkHealth')).toHaveLength(1))
    await waitFor(() => expect(screen.getByTestId('health-docker').dataset.state).toBe('ok'))
    const network = screen.getByTestId('health-network')
    expect(network.dataset.state).toBe('problem')
    expect(within(network).getByTestId('health-fix-network').getAttribute('href')).toBe(
      '#settings/networkMode',
    )
    expect(screen.getByTestId('health-checked').textContent).toMatch(/^Last checked \d s ago\.$/)
  })

  it('follows the snapshot the engine publishes after a settings change', async () => {
    const { transport } = await renderApp()
    act(() =>
      transport.emit(
        'snapshot',
        makeSnapshot({
          health: {
            ...makeSnapshot().health,
            image: {
              state: 'ok',
              summary: 'my/runner: not here yet, pulled at start',
              problem: null,
              checkedAt: Date.now(),
            },
          },
        }),
      ),
    )
    expect(screen.getByTestId('health-image').textContent).toContain('pulled at start')
  })
})
