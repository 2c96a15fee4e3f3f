import { describe, expect, it } from 'vitest'
import { channelOf, eventNames, isMethodName, methodNames, methods, parseCall } from './contract'
import { serverFrameSchema } from './wire'

// Malformed payloads for every method: each must be refused with a message naming the method.
const malformed: Record<keyof typeof methods, unknown[]> = {
  getState: [{ extra: 1 }, 'x', 42],
  start: [{ now: true }, []],
  stop: [{}, { mode: 'later' }, { mode: 'now', extra: 1 }],
  setDesired: [{}, { count: -1 }, { count: 1.5 }, { count: 65 }, { count: '3' }],
  retry: [{ x: 1 }],
  updateSettings: [
    {},
    { patch: { installationId: 'abcdefgh' } },
    { patch: { maxRunners: 0 } },
    { patch: { labels: ['a b'] } },
    { patch: { targets: [{ kind: 'repo' }] } },
  ],
  saveToken: [
    {},
    { token: '' },
    { token: 'short' },
    { token: 'ghp_aaaaaaaaaaaaaaaaaaaa bbbbbbbbbbb' },
    { token: 42 },
  ],
  removeToken: [{ token: 'x' }],
  checkToken: [{ token: 'x' }],
  startDeviceFlow: [{ clientId: 'x' }],
  cancelDeviceFlow: [{ a: 1 }],
  suggestTargets: [{ q: 'x' }],
  discoverTargets: [{ all: true }],
  checkHealth: [{ now: true }, 'x'],
  readLogs: [{}, { runner: 5 }, { runner: null, limit: 0 }, { runner: null, afterSeq: -1 }],
  openExternal: [{}, { url: 'not a url' }, { url: 42 }],
  openLogs: [{}, { runner: 42 }, { runner: 'x'.repeat(101) }, { runner: null, extra: 1 }],
}

describe('contract', () => {
  it('has a malformed-input case for every method', () => {
    expect(Object.keys(malformed).sort()).toEqual([...methodNames].sort())
  })

  for (const method of methodNames) {
    it(`${method} rejects malformed payloads with a clear error`, () => {
      for (const input of malformed[method]) {
        const result = parseCall(method, input)
        expect(result.ok, JSON.stringify(input)).toBe(false)
        if (!result.ok) expect(result.message).toMatch(new RegExp(`^Invalid input for ${method}`))
      }
    })
  }

  it('accepts well-formed payloads', () => {
    expect(parseCall('setDesired', { count: 3 })).toEqual({ ok: true, input: { count: 3 } })
    expect(parseCall('getState', undefined)).toEqual({ ok: true, input: {} })
    expect(parseCall('saveToken', { token: ' ghp_0123456789abcdef0123456789abcdef0123 ' })).toEqual(
      { ok: true, input: { token: 'ghp_0123456789abcdef0123456789abcdef0123' } },
    )
    expect(
      parseCall('updateSettings', {
        patch: { targets: [{ kind: 'org', org: 'octo' }], maxRunners: 12 },
      }).ok,
    ).toBe(true)
  })

  it('knows its own names and nothing else', () => {
    expect(isMethodName('setDesired')).toBe(true)
    expect(isMethodName('__proto__')).toBe(false)
    expect(isMethodName('toString')).toBe(false)
    expect(channelOf('snapshot')).toBe('runnerdock:snapshot')
    expect(eventNames).toContain('logs')
  })

  it('keeps a settings patch partial: absent fields stay absent, never defaults', () => {
    expect(parseCall('updateSettings', { patch: { labels: ['gpu'] } })).toEqual({
      ok: true,
      input: { patch: { labels: ['gpu'] } },
    })
    expect(parseCall('updateSettings', { patch: { installationId: 'abcdefgh' } }).ok).toBe(false)
  })
})

describe('wire frames', () => {
  it('parses both result shapes and events, and rejects anything else', () => {
    expect(serverFrameSchema.safeParse({ type: 'result', id: 1, ok: true, value: 3 }).success).toBe(
      true,
    )
    expect(
      serverFrameSchema.safeParse({ type: 'result', id: 1, ok: false, error: 'no' }).success,
    ).toBe(true)
    expect(
      serverFrameSchema.safeParse({ type: 'event', event: 'snapshot', payload: {} }).success,
    ).toBe(true)
    expect(serverFrameSchema.safeParse({ type: 'result', id: 1, ok: false }).success).toBe(false)
    expect(serverFrameSchema.safeParse({ type: 'other' }).success).toBe(false)
  })
})
