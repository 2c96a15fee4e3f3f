import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../common/settings'
import { parsePoolField, poolFieldText } from './pool-fields'

describe('pool fields', () => {
  it('reads numbers the engine accepts, and empty as automatic for the maximum', () => {
    expect(parsePoolField('minIdle', ' 2 ')).toEqual({ ok: true, value: 2 })
    expect(parsePoolField('maxRunners', '')).toEqual({ ok: true, value: null })
    expect(parsePoolField('idleTimeoutMinutes', '15')).toEqual({ ok: true, value: 15 })
  })

  it('says what to type otherwise', () => {
    expect(parsePoolField('minIdle', '')).toEqual({
      ok: false,
      message: 'Enter a whole number from 0 to 64.',
    })
    expect(parsePoolField('maxRunners', '0').ok).toBe(false)
    expect(parsePoolField('maxRunners', '1e3').ok).toBe(false)
    expect(parsePoolField('idleTimeoutMinutes', '1.5').ok).toBe(false)
  })

  it('shows the saved value, empty for automatic', () => {
    expect(poolFieldText(defaultSettings(), 'maxRunners')).toBe('')
    expect(poolFieldText(defaultSettings(), 'idleTimeoutMinutes')).toBe('5')
  })
})
