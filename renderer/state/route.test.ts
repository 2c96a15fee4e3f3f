import { describe, expect, it } from 'vitest'
import { documentTitle, parseRoute, routeHash, type Route } from './route'

describe('routes', () => {
  it('reads the hashes the windows load', () => {
    expect(parseRoute('')).toEqual({ view: 'dashboard' })
    expect(parseRoute('#logs')).toEqual({ view: 'logs', runner: null })
    expect(parseRoute('#logs/runnerdock-ab12')).toEqual({ view: 'logs', runner: 'runnerdock-ab12' })
    expect(parseRoute('#/settings')).toEqual({ view: 'settings', focus: null })
    expect(parseRoute('#settings/image')).toEqual({ view: 'settings', focus: 'image' })
    expect(parseRoute('#settings/nonsense')).toEqual({ view: 'settings', focus: null })
    expect(parseRoute('#history')).toEqual({ view: 'history' })
    expect(parseRoute('#/history/anything')).toEqual({ view: 'history' })
    expect(parseRoute('#nonsense')).toEqual({ view: 'dashboard' })
    expect(parseRoute('#logs/%E0%A4%A')).toEqual({ view: 'logs', runner: null })
  })

  it('round-trips runner names with odd characters and settings fields', () => {
    const routes: Route[] = [
      { view: 'logs', runner: 'a b/c' },
      { view: 'settings', focus: 'networkMode' },
      { view: 'settings', focus: 'caches' },
      { view: 'settings', focus: null },
      { view: 'history' },
    ]
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route)
  })

  it('gives each view its own document title', () => {
    expect(documentTitle({ view: 'dashboard' })).toBe('Dashboard — RunnerDock')
    expect(documentTitle({ view: 'settings', focus: 'image' })).toBe('Settings — RunnerDock')
    expect(documentTitle({ view: 'logs', runner: 'rd-1' })).toBe('Logs of rd-1 — RunnerDock')
    expect(documentTitle({ view: 'history' })).toBe('History — RunnerDock')
  })
})
