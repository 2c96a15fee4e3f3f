import { describe, expect, it } from 'vitest'
import type { Check, PoolSnapshot, RunnerView } from './pool-status'
import { makeRunner, makeSnapshot, makeTargetStatus } from './testing/fixtures'
import {
  DOCKER_ACCESS_MARK,
  TRAY_STATES,
  quitPrompt,
  quitStopMode,
  scaleChoices,
  trayIconFile,
  trayMenuModel,
  trayPlatform,
  trayState,
  trayTooltip,
  type TrayMenuItem,
} from './tray-model'

const ok: Check = { state: 'ok', summary: 'Fine', problem: null, checkedAt: 1 }

function runner(name: string, phase: RunnerView['phase']): RunnerView {
  return makeRunner({
    name,
    phase,
    onlineAt: phase === 'starting' ? null : 0,
    job: phase === 'busy' ? { name: 'build', startedAt: 0, result: null, finishedAt: null } : null,
  })
}

function snapshot(extra: Partial<PoolSnapshot> = {}): PoolSnapshot {
  return makeSnapshot({
    running: true,
    desired: 2,
    runners: [runner('r1', 'idle'), runner('r2', 'idle')],
    health: { docker: ok, github: ok, token: ok, image: ok },
    ...extra,
  })
}

const busyOne = [runner('r1', 'busy'), runner('r2', 'idle')]

function labels(items: TrayMenuItem[]): string[] {
  return items.map((i) => (i.kind === 'separator' ? '—' : i.label))
}

describe('trayState', () => {
  it('is stopped, idle or busy from the runners', () => {
    expect(trayState(snapshot({ running: false, runners: [] }))).toBe('stopped')
    expect(trayState(snapshot())).toBe('idle')
    expect(trayState(snapshot({ runners: busyOne }))).toBe('busy')
  })

  it('is on hold when creation is blocked, and asks for attention when a check fails, even while busy', () => {
    expect(
      trayState(
        snapshot({
          runners: busyOne,
          blocked: { reason: 'docker', message: 'Docker is not running.', until: null },
        }),
      ),
    ).toBe('blocked')
    expect(
      trayState(
        snapshot({
          targets: [
            makeTargetStatus({
              blocked: { reason: 'public', message: 'octo/app is public.', until: null },
            }),
          ],
        }),
      ),
    ).toBe('blocked')
    const problem: Check = {
      state: 'problem',
      summary: 'Token revoked',
      problem: 'Paste a new token in Settings.',
      checkedAt: 1,
    }
    expect(
      trayState(snapshot({ health: { docker: ok, github: ok, token: problem, image: ok } })),
    ).toBe('attention')
  })
})

describe('trayIconFile', () => {
  it('uses template images on macOS and colour icons elsewhere', () => {
    expect(trayIconFile('busy', 'darwin')).toEqual({ dir: 'mac', file: 'tray-busyTemplate.png' })
    expect(trayIconFile('busy', 'win32')).toEqual({ dir: 'win', file: 'tray-busy.png' })
    expect(trayIconFile('attention', 'linux')).toEqual({ dir: 'linux', file: 'tray-attention.png' })
    expect(trayPlatform('freebsd')).toBe('linux')
    expect(new Set(TRAY_STATES.map((s) => trayIconFile(s, 'linux').file)).size).toBe(5)
    expect(trayIconFile('blocked', 'darwin').file).toBe('tray-blockedTemplate.png')
  })
})

describe('trayTooltip', () => {
  it('names the target and what the runners do', () => {
    expect(trayTooltip(snapshot({ running: false, runners: [] }))).toBe(
      'RunnerDock (octo/app): Stopped.',
    )
    const left = {
      at: 1,
      containersLeft: [{ id: 'c1', name: 'rd-1', state: 'running', problem: 'permission denied' }],
      registrationsLeft: [],
      dockerChecked: true,
      githubChecked: true,
    }
    expect(trayTooltip(snapshot({ running: false, runners: [], lastStop: left }))).toContain(
      'the last stop left something behind',
    )
    expect(
      trayTooltip(
        snapshot({ running: false, runners: [], lastStop: { ...left, containersLeft: [] } }),
      ),
    ).toBe('RunnerDock (octo/app): Stopped.')
    expect(trayTooltip(snapshot())).toBe('RunnerDock (octo/app): 2 runners, all idle.')
    expect(trayTooltip(snapshot({ runners: busyOne }))).toBe(
      'RunnerDock (octo/app): 1 busy, 1 idle of 2 runners.',
    )
    expect(trayTooltip(snapshot({ runners: [runner('r1', 'starting')] }))).toBe(
      'RunnerDock (octo/app): 0 of 2 runners online.',
    )
    expect(trayTooltip(snapshot({ runners: busyOne, stopping: 'drain' }))).toContain(
      'Stopping when running jobs finish.',
    )
  })

  it('says why the pool is on hold and stays within the Windows tooltip limit', () => {
    const text = trayTooltip(
      snapshot({
        blocked: { reason: 'token', message: 'The token was revoked. '.repeat(10), until: null },
      }),
    )
    expect(text.startsWith('RunnerDock (octo/app): On hold: The token was revoked.')).toBe(true)
    expect(text.length).toBeLessThanOrEqual(127)
    expect(text.endsWith('…')).toBe(true)
  })
})

describe('scaleChoices', () => {
  it('doubles up to the maximum and keeps the maximum and the current count', () => {
    expect(scaleChoices(8, 2)).toEqual([0, 1, 2, 4, 8])
    expect(scaleChoices(12, 3)).toEqual([0, 1, 2, 3, 4, 8, 12])
    expect(scaleChoices(1, 0)).toEqual([0, 1])
    expect(scaleChoices(4, 9)).toEqual([0, 1, 2, 4])
  })
})

describe('trayMenuModel', () => {
  it('lists the commands in order with the current scale checked', () => {
    const menu = trayMenuModel(snapshot(), { startAtLogin: false })
    expect(labels(menu)).toEqual([
      '2 runners, all idle.',
      '—',
      'Stop',
      '2 runners',
      '—',
      'Open Dashboard',
      'Logs',
      'Settings…',
      '—',
      'Start at Login',
      '—',
      'Quit RunnerDock',
    ])
    const scale = menu.find((i) => i.kind === 'submenu')
    expect(
      scale?.kind === 'submenu' &&
        scale.items
          .filter((i) => i.kind === 'radio' && i.checked)
          .map((i) => i.kind !== 'separator' && i.label),
    ).toEqual(['2 runners'])
    expect(
      scale?.kind === 'submenu' && scale.items.map((i) => i.kind === 'radio' && i.command),
    ).toContainEqual({ type: 'set-desired', count: 8 })
  })

  it('offers Start only with a target, and Stop Now while draining', () => {
    const stopped = trayMenuModel(snapshot({ running: false, runners: [] }), {
      startAtLogin: false,
    })
    expect(stopped[2]).toMatchObject({ label: 'Start', enabled: true, command: { type: 'start' } })
    const noTarget = trayMenuModel(snapshot({ running: false, runners: [], targets: [] }), {
      startAtLogin: false,
    })
    expect(noTarget[2]).toMatchObject({ enabled: false })
    expect(trayMenuModel(snapshot({ runners: busyOne }), { startAtLogin: false })[2]).toMatchObject(
      { label: 'Stop (let running jobs finish)', command: { type: 'stop', mode: 'drain' } },
    )
    expect(
      trayMenuModel(snapshot({ stopping: 'drain' }), { startAtLogin: false })[2],
    ).toMatchObject({ command: { type: 'stop', mode: 'now' }, enabled: true })
    expect(trayMenuModel(snapshot({ stopping: 'now' }), { startAtLogin: false })[2]).toMatchObject({
      enabled: false,
    })
  })

  it('says how many jobs wait, and marks Docker access for as long as it is on', () => {
    const waiting = snapshot({ targets: [makeTargetStatus({ queued: 3 })] })
    expect(trayTooltip(waiting)).toBe('RunnerDock (octo/app): 2 runners, all idle. 3 jobs waiting.')
    const marked = trayMenuModel(waiting, { startAtLogin: false, dockerAccess: true })
    expect(marked[1]).toEqual({ kind: 'status', label: `⚠ ${DOCKER_ACCESS_MARK}` })
    expect(labels(trayMenuModel(waiting, { startAtLogin: false }))).not.toContain(
      `⚠ ${DOCKER_ACCESS_MARK}`,
    )
  })

  it('toggles start at login', () => {
    const item = trayMenuModel(snapshot(), { startAtLogin: true }).find(
      (i) => i.kind === 'checkbox',
    )
    expect(item).toMatchObject({
      checked: true,
      command: { type: 'set-start-at-login', enabled: false },
    })
  })
})

describe('quit', () => {
  it('asks only when jobs are running', () => {
    expect(quitPrompt(snapshot({ running: false, runners: [] }))).toBeNull()
    expect(quitPrompt(snapshot())).toBeNull()
    const prompt = quitPrompt(snapshot({ runners: busyOne }))
    expect(prompt?.message).toBe('1 job is still running.')
    expect(prompt?.buttons).toHaveLength(prompt?.choices.length ?? -1)
  })

  it('maps the answer to a stop mode, and cancel (or closing the dialog) to no quit', () => {
    const prompt = quitPrompt(snapshot({ runners: busyOne }))
    expect(quitStopMode(null, null)).toBe('now')
    expect(quitStopMode(prompt, 0)).toBe('drain')
    expect(quitStopMode(prompt, 1)).toBe('now')
    expect(quitStopMode(prompt, 2)).toBeNull()
    expect(quitStopMode(prompt, 7)).toBeNull()
    expect(quitStopMode(prompt, null)).toBeNull()
  })
})
