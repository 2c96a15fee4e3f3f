import { describe, expect, it } from 'vitest'
import { makeAppState, makeSnapshot } from '../test/fixtures'
import { mergeFetchedState, patchOf } from './engine-state'
import { addToast, MAX_TOASTS, MERGE_WINDOW_MS } from './toasts'

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
  const toast = (id: number, message: string, at: number, level: 'info' | 'warn' = 'info') => ({
    id,
    level,
    message,
    runner: null,
    at,
  })

  it('keeps the newest few', () => {
    let toasts = addToast([], toast(1, 'a', 0))
    for (let i = 0; i < 10; i++) toasts = addToast(toasts, toast(3 + i, `m${i}`, 0, 'warn'))
    expect(toasts).toHaveLength(MAX_TOASTS)
    expect(toasts[toasts.length - 1]!.message).toBe('m9')
  })

  it('merges the same notice within the window into one toast with a count', () => {
    let toasts = addToast([], toast(1, 'Docker is not running.', 0))
    toasts = addToast(toasts, toast(2, 'Other.', 100))
    toasts = addToast(toasts, toast(3, 'Docker is not running.', 2_000))
    toasts = addToast(toasts, toast(4, 'Docker is not running.', 2_000 + MERGE_WINDOW_MS))
    expect(toasts.map((t) => [t.id, t.count])).toEqual([
      [1, 3],
      [2, 1],
    ])
    toasts = addToast(toasts, toast(5, 'Docker is not running.', 3_000 + 2 * MERGE_WINDOW_MS))
    expect(toasts.map((t) => [t.id, t.count])).toEqual([
      [1, 3],
      [2, 1],
      [5, 1],
    ])
    expect(addToast(toasts, toast(6, 'Other.', 200, 'warn'))).toHaveLength(4)
  })
})
