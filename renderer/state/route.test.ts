import { describe, expect, it } from 'vitest'
import { parseRoute, routeHash } from './route'

describe('routes', () => {
  it('reads the hashes the windows load', () => {
    expect(parseRoute('')).toEqual({ view: 'dashboard' })
    expect(parseRoute('#logs')).toEqual({ view: 'logs', runner: null })
    expect(parseRoute('#logs/runnerdock-ab12')).toEqual({ view: 'logs', runner: 'runnerdock-ab12' })
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' })
    expect(parseRoute('#nonsense')).toEqual({ view: 'dashboard' })
    expect(parseRoute('#logs/%E0%A4%A')).toEqual({ view: 'logs', runner: null })
  })

  it('round-trips runner names with odd characters', () => {
    const route = { view: 'logs' as const, runner: 'a b/c' }
    expect(parseRoute(routeHash(route))).toEqual(route)
  })
})
