import { describe, expect, it } from 'vitest'
import type { TrayCommand } from '../../common/tray-model'
import { runTrayCommand, type TrayCommandTargets } from './tray-commands'

function fakes(result: { ok: true } | { ok: false; message: string } = { ok: true }) {
  const calls: unknown[] = []
  const targets: TrayCommandTargets = {
    engine: {
      start: async (input) => (calls.push(['start', input]), result),
      stop: async (input) => (calls.push(['stop', input]), result),
      setDesired: async (input) => (calls.push(['setDesired', input]), result),
      updateSettings: async (input) => (calls.push(['updateSettings', input]), result),
      notice: (...args) => calls.push(['notice', ...args]),
    },
    windows: {
      showDashboard: (hash) => calls.push(['dashboard', hash]),
      showLogs: (runner) => calls.push(['logs', runner]),
    },
    requestQuit: () => calls.push(['quit']),
  }
  return { calls, targets }
}

describe('runTrayCommand', () => {
  it('maps every command to the engine, a window or the quit flow', async () => {
    const cases: [TrayCommand, unknown][] = [
      [{ type: 'start' }, ['start', {}]],
      [{ type: 'stop', mode: 'drain' }, ['stop', { mode: 'drain' }]],
      [{ type: 'set-desired', count: 4 }, ['setDesired', { count: 4 }]],
      [
        { type: 'set-start-at-login', enabled: true },
        ['updateSettings', { patch: { startAtLogin: true } }],
      ],
      [{ type: 'open-dashboard' }, ['dashboard', undefined]],
      [{ type: 'open-settings' }, ['dashboard', '#settings']],
      [{ type: 'open-logs' }, ['logs', undefined]],
      [{ type: 'quit' }, ['quit']],
    ]
    for (const [command, expected] of cases) {
      const { calls, targets } = fakes()
      await runTrayCommand(command, targets)
      expect(calls).toEqual([expected])
    }
  })

  it('turns a refused action into an engine notice the user sees', async () => {
    const { calls, targets } = fakes({
      ok: false,
      message: 'Choose a repository or organization in Settings first.',
    })
    await runTrayCommand({ type: 'start' }, targets)
    expect(calls).toEqual([
      ['start', {}],
      ['notice', 'error', null, 'Choose a repository or organization in Settings first.'],
    ])
  })
})
