import {
  electronAvailable,
  expect,
  runTrayCommand,
  skipReason,
  test,
  trayModel,
} from './electron-app'

test.skip(!electronAvailable, skipReason)

test('the tray shows a stopped pool and the whole menu', async ({ app }) => {
  const { state, menu } = await trayModel(app)
  expect(state).toBe('stopped')
  const labels = menu.map((item) => (item.kind === 'separator' ? '—' : item.label))
  expect(labels).toEqual([
    'Stopped.',
    '—',
    'Start (choose a repository in Settings)',
    '1 runner',
    '—',
    'Open Dashboard',
    'Logs',
    'Settings…',
    '—',
    'Start at Login',
    '—',
    'Quit RunnerDock',
  ])
  const scale = menu.find((item) => item.kind === 'submenu')
  expect(
    scale?.kind === 'submenu' &&
      scale.items
        .filter((i) => i.kind === 'radio' && i.checked)
        .map((i) => i.kind === 'radio' && i.label),
  ).toEqual(['1 runner'])
})

test('quick scale from the tray updates the menu', async ({ app }) => {
  await runTrayCommand(app, { type: 'set-desired', count: 4 })
  await expect
    .poll(async () => (await trayModel(app)).menu[3])
    .toMatchObject({ kind: 'submenu', label: '4 runners' })
})
