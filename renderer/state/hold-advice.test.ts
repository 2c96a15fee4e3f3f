import { describe, expect, it } from 'vitest'
import type { Block } from '../../common/pool-status'
import { holdAdvice, holdClock, withoutCommandAdvice } from './hold-advice'

const block = (reason: Block['reason'], message = 'Something.'): Block => ({
  reason,
  message,
  until: null,
})
const fixOf = (b: Block, networkMode: string | null = null) => holdAdvice(b, { networkMode }).fix

describe('holdAdvice', () => {
  it('leads each fixable reason to its setting', () => {
    expect(fixOf(block('image'))).toMatchObject({ kind: 'setting', focus: 'image' })
    expect(fixOf(block('token'))).toMatchObject({ kind: 'setting', focus: 'token' })
    expect(fixOf(block('target'))).toMatchObject({ kind: 'setting', focus: 'token' })
    expect(fixOf(block('public'))).toMatchObject({ kind: 'setting', focus: 'allowPublic' })
    expect(fixOf(block('docker'))).toMatchObject({ kind: 'retry' })
    expect(fixOf(block('rate-limit'))).toBeNull()
  })

  it('tells a failing network from other failures', () => {
    const network = block(
      'backoff',
      'Runner rd-1 failed: Docker could not start the runner container: network hots not found.',
    )
    expect(fixOf(network, 'hots')).toMatchObject({ focus: 'networkMode' })
    expect(holdAdvice(network, { networkMode: 'hots' }).explains).toEqual(['network'])
    expect(fixOf(block('backoff', 'Runner rd-1 failed: exited before listening.'))).toMatchObject({
      kind: 'retry',
    })
  })

  it('says which health line it explains, so that line does not repeat it', () => {
    expect(holdAdvice(block('docker'), { networkMode: null }).explains).toEqual(['docker'])
    expect(holdAdvice(block('public'), { networkMode: null }).explains).toEqual([])
  })

  it('drops advice to type a command where a button does it', () => {
    expect(
      withoutCommandAdvice(
        'octo/site is public. RunnerDock registers no runners for it unless you allow it in Settings (Public repositories) or run "runnerdock up --allow-public octo/site".',
      ),
    ).toBe(
      'octo/site is public. RunnerDock registers no runners for it unless you allow it in Settings (Public repositories).',
    )
  })
})

describe('holdClock', () => {
  it('is the block’s one clock', () => {
    expect(holdClock(null, 0)).toBeNull()
    expect(holdClock(1_000, 2_000)).toBeNull()
    expect(holdClock(12_500, 500)).toBe('Trying again in 12 s.')
  })
})
