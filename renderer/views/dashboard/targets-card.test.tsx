// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeAppState, makeSnapshot, makeTargetStatus } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const SITE = { kind: 'repo' as const, owner: 'octo', repo: 'site' }
const row = (name: string) =>
  screen.getAllByTestId('target-row').find((r) => r.dataset.target === name)!

function runningWith(...targets: ReturnType<typeof makeTargetStatus>[]) {
  return makeAppState({ snapshot: makeSnapshot({ running: true, mode: 'on-demand', targets }) })
}

describe('targets card', () => {
  it('lists each target with where it came from, what waits and for how long (ticking)', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const since = Date.now() - 65_000
    await renderApp({
      state: runningWith(
        makeTargetStatus({
          queued: 2,
          busy: 1,
          idle: 0,
          starting: 1,
          wanted: 3,
          oldestQueuedAt: since,
        }),
        makeTargetStatus({
          target: SITE,
          source: 'discovered',
          reasons: ['.github/workflows/ci.yml: runs-on: self-hosted'],
          problem: 'GitHub does not answer.',
        }),
      ),
    })
    const app = row('octo/app')
    expect(within(app).getByTestId('target-queued').textContent).toBe('2')
    expect(within(app).getByTestId('target-wanted').textContent).toBe('3')
    const waited = () => within(row('octo/app')).getByTestId('target-waited').textContent
    expect(waited()).toMatch(/^1 min 0[5-7] s$/)
    act(() => void vi.advanceTimersByTime(10_000))
    expect(waited()).toMatch(/^1 min 1[5-7] s$/)
    const site = row('octo/site')
    expect(site.dataset.source).toBe('discovered')
    expect(site.textContent).toContain('runs-on: self-hosted')
    expect(within(site).getByTestId('target-problem').textContent).toContain(
      'GitHub does not answer.',
    )
  })

  it('holds a public repository until it is allowed, after a confirmation that states the risk', async () => {
    const state = runningWith(
      makeTargetStatus({
        target: SITE,
        visibility: 'public',
        blocked: {
          reason: 'public',
          message:
            'octo/site is a public repository: a pull request from anyone\'s fork could run its code on this machine. RunnerDock registers no runners for it unless you allow it in Settings (Public repositories) or run "runnerdock up --allow-public octo/site".',
          until: null,
        },
      }),
    )
    const { transport } = await renderApp({ state })
    const hold = within(row('octo/site')).getByTestId('target-hold')
    expect(hold.textContent).not.toContain('runnerdock up')
    fireEvent.click(within(hold).getByTestId('target-allow'))
    const dialog = screen.getByTestId('confirm-allow-public')
    expect(within(dialog).getByTestId('public-risk').textContent).toMatch(
      /octo\/site is public\. Anyone can fork it/,
    )
    fireEvent.click(within(dialog).getByTestId('confirm-ok'))
    await waitFor(() =>
      expect(transport.callsTo('updateSettings')).toEqual([
        { patch: { allowPublic: ['octo/site'] } },
      ]),
    )
    // Every target is held: the header and the banner say so once.
    expect(screen.getByTestId('pool-state').textContent).toBe('On hold')
    expect(screen.getByTestId('blocked-banner').dataset.reason).toBe('targets')
  })

  it('adds a target, removes a chosen one and excludes a discovered one', async () => {
    const { transport } = await renderApp({
      state: runningWith(
        makeTargetStatus(),
        makeTargetStatus({ target: SITE, source: 'discovered' }),
      ),
    })
    fireEvent.change(screen.getByTestId('target-add-input'), { target: { value: 'acme' } })
    fireEvent.click(screen.getByTestId('target-add'))
    fireEvent.click(within(row('octo/site')).getByTestId('target-remove'))
    fireEvent.click(within(row('octo/app')).getByTestId('target-remove'))
    await waitFor(() =>
      expect(transport.callsTo('updateSettings')).toEqual([
        {
          patch: {
            targets: [
              { kind: 'repo', owner: 'octo', repo: 'app' },
              { kind: 'org', org: 'acme' },
            ],
          },
        },
        { patch: { excludedTargets: [SITE] } },
        { patch: { targets: [] } },
      ]),
    )
  })

  it('finds repositories that ask for self-hosted runners, to add or to serve them all', async () => {
    const { transport } = await renderApp({
      handlers: {
        discoverTargets: () => ({
          ok: true,
          checkedAt: Date.now(),
          repos: [
            {
              target: SITE,
              visibility: 'public',
              asks: 'yes',
              reasons: ['.github/workflows/ci.yml: runs-on: [self-hosted, linux]'],
            },
          ],
        }),
      },
    })
    fireEvent.click(screen.getByTestId('discover-start'))
    const found = await screen.findByTestId('discovered-repo')
    expect(found.textContent).toContain('public')
    expect(found.textContent).toContain('runs-on: [self-hosted, linux]')
    fireEvent.click(within(found).getByTestId('discover-add'))
    fireEvent.click(screen.getByTestId('discover-all'))
    await waitFor(() =>
      expect(transport.callsTo('updateSettings')).toEqual([
        { patch: { targets: [{ kind: 'repo', owner: 'octo', repo: 'app' }, SITE] } },
        { patch: { discoverRepositories: true } },
      ]),
    )
  })

  it('shows the exact runs-on line for workflows', async () => {
    await renderApp({
      state: makeAppState({
        settings: { ...makeAppState().settings, installationId: 'abcd1234' },
        snapshot: makeSnapshot({ labels: ['self-hosted', 'Linux', 'X64', 'runnerdock-abcd1234'] }),
      }),
    })
    expect(screen.getByTestId('runs-on-line').textContent).toBe(
      'runs-on: [self-hosted, Linux, X64]',
    )
  })
})
