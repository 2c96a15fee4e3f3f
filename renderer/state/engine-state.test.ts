import { describe, expect, it } from 'vitest'
import { makeAppState, makeSnapshot } from '../test/fixtures'
import { mergeFetchedState, patchOf } from './engine-state'
import { addToast, MAX_TOASTS } from './toasts'

describe('engine state', () => {
  it('lets events that arrived during getState win over its answer', () => {
    const fetched = makeAppState()
    const newer = patchOf({ event: 'snapshot', payload: makeSnapshot({ desired: 5, version: 9 }) })
    const merged = mergeFetchedState(fetched, newer)
    expect(merged.snapshot.desired).toBe(5)
    expect(merged.token).toBe(fetched.token)
  })

  it('maps the settings event onto settings and its warning', () => {
    const { settings } = makeAppState()
    expect(patchOf({ event: 'settings', payload: { settings, warning: 'old file' } })).toEqual({
      settings,
      settingsWarning: 'old file',
    })
  })
})

describe('toasts', () => {
  it('keeps the newest few and does not repeat the same message', () => {
    let toasts = addToast([], { id: 1, level: 'info', message: 'a', runner: null })
    toasts = addToast(toasts, { id: 2, level: 'info', message: 'a', runner: null })
    expect(toasts).toHaveLength(1)
    for (let i = 0; i < 10; i++)
      toasts = addToast(toasts, { id: 3 + i, level: 'warn', message: `m${i}`, runner: null })
    expect(toasts).toHaveLength(MAX_TOASTS)
    expect(toasts[toasts.length - 1]!.message).toBe('m9')
  })
})
