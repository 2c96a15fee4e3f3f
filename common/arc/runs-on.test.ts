import { describe, expect, it } from 'vitest'
import { labelsLeftBehind, runsOnToday } from './runs-on'

describe('runs-on before and after', () => {
  it("writes today's runs-on with the user's labels last", () => {
    expect(runsOnToday([])).toBe('[self-hosted, linux, x64]')
    expect(runsOnToday(['gpu', 'Linux'])).toBe('[self-hosted, linux, x64, gpu]')
  })

  it('lists every label RunnerDock runners carry as left behind, once', () => {
    expect(labelsLeftBehind(['gpu', 'self-hosted'])).toEqual([
      'self-hosted',
      'Linux',
      '<architecture>',
      'runnerdock-<installation>',
      'gpu',
    ])
  })
})
