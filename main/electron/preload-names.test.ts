import { describe, expect, it } from 'vitest'
import { channelOf, eventNames, methodNames } from '../../common/contract'
import {
  channel,
  EVENT_NAMES,
  isContractEvent,
  isContractMethod,
  METHOD_NAMES,
} from '../../preload/contract-names'

// The preload cannot load zod (a sandboxed preload requires only 'electron'), so it keeps the
// contract's names itself; this holds them to the contract.
describe('preload contract names', () => {
  it('match the contract exactly', () => {
    expect([...METHOD_NAMES].sort()).toEqual([...methodNames].sort())
    expect([...EVENT_NAMES].sort()).toEqual([...eventNames].sort())
    for (const name of [...methodNames, ...eventNames]) expect(channel(name)).toBe(channelOf(name))
  })

  it('refuse anything else, inherited properties included', () => {
    for (const bad of [
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      '',
      'getstate',
      42,
      null,
      undefined,
      {},
    ]) {
      expect(isContractMethod(bad)).toBe(false)
      expect(isContractEvent(bad)).toBe(false)
    }
    expect(isContractMethod('getState')).toBe(true)
    expect(isContractEvent('snapshot')).toBe(true)
  })
})
