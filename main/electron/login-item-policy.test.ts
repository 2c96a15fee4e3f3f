import { describe, expect, it } from 'vitest'
import {
  LAUNCHED_AT_LOGIN_ARG,
  launchedAtLogin,
  linuxAutostartEntry,
  loginItemPlan,
  quoteExecArg,
  shouldShowDashboardOnLaunch,
  type LoginItemFacts,
} from './login-item-policy'

const facts = (extra: Partial<LoginItemFacts> = {}): LoginItemFacts => ({
  platform: 'linux',
  isPackaged: true,
  execPath: '/opt/RunnerDock/runnerdock',
  appImage: undefined,
  xdgConfigHome: undefined,
  home: '/home/ada',
  ...extra,
})

describe('loginItemPlan', () => {
  it('uses the login item API on macOS and Windows', () => {
    expect(loginItemPlan(true, facts({ platform: 'darwin' }))).toEqual({
      kind: 'login-item',
      settings: { openAtLogin: true },
    })
    expect(
      loginItemPlan(
        false,
        facts({ platform: 'win32', execPath: 'C:\\RunnerDock\\RunnerDock.exe' }),
      ),
    ).toEqual({
      kind: 'login-item',
      settings: {
        openAtLogin: false,
        path: 'C:\\RunnerDock\\RunnerDock.exe',
        args: [LAUNCHED_AT_LOGIN_ARG],
      },
    })
  })

  it('writes or removes an XDG autostart entry on Linux, launching the AppImage itself', () => {
    const plan = loginItemPlan(
      true,
      facts({
        appImage: '/home/ada/Apps/RunnerDock 1.0.AppImage',
        xdgConfigHome: '/home/ada/.cfg',
      }),
    )
    expect(plan).toMatchObject({
      kind: 'autostart-file',
      file: '/home/ada/.cfg/autostart/runnerdock.desktop',
    })
    expect(plan.kind === 'autostart-file' && plan.content).toContain(
      `Exec="/home/ada/Apps/RunnerDock 1.0.AppImage" ${LAUNCHED_AT_LOGIN_ARG}\n`,
    )
    expect(loginItemPlan(false, facts())).toEqual({
      kind: 'autostart-file',
      file: '/home/ada/.config/autostart/runnerdock.desktop',
      content: null,
    })
  })

  it('never registers a development build', () => {
    expect(loginItemPlan(true, facts({ isPackaged: false })).kind).toBe('skip')
  })
})

describe('desktop entry quoting', () => {
  it('quotes reserved characters and escapes the specials', () => {
    expect(quoteExecArg('/opt/RunnerDock/runnerdock')).toBe('/opt/RunnerDock/runnerdock')
    expect(quoteExecArg('/a b/$x"`\\')).toBe('"/a b/\\$x\\"\\`\\\\"')
    expect(linuxAutostartEntry('/usr/bin/runnerdock')).toMatch(
      /^\[Desktop Entry\]\nType=Application\n/,
    )
  })
})

describe('launch', () => {
  it('stays in the tray after a login launch unless setup is unfinished', () => {
    expect(launchedAtLogin(['/x', LAUNCHED_AT_LOGIN_ARG], false)).toBe(true)
    expect(launchedAtLogin(['/x'], true)).toBe(true)
    expect(launchedAtLogin(['/x'], false)).toBe(false)
    expect(shouldShowDashboardOnLaunch({ launchedAtLogin: true, hasTarget: true })).toBe(false)
    expect(shouldShowDashboardOnLaunch({ launchedAtLogin: true, hasTarget: false })).toBe(true)
    expect(shouldShowDashboardOnLaunch({ launchedAtLogin: false, hasTarget: true })).toBe(true)
  })
})
