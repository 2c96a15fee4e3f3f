import { describe, expect, it, vi } from 'vitest'
import { FakeTransport } from '../test/fake-transport'
import { makeAppState, makeSnapshot } from '../test/fixtures'
import { createEngineClient } from './engine-client'

describe('engine client', () => {
  it('refuses malformed input before anything is sent', async () => {
    const transport = new FakeTransport({ setDesired: () => ({ ok: true }) })
    const client = createEngineClient(transport)
    await expect(client.call('setDesired', { count: -1 })).rejects.toThrow(
      /^Invalid input for setDesired at "count"/,
    )
    await expect(client.call('saveToken', { token: 'short' })).rejects.toThrow(
      'That is too short to be a GitHub token.',
    )
    // @ts-expect-error: a field the contract does not know
    await expect(client.call('stop', { mode: 'now', force: true })).rejects.toThrow(
      /Invalid input for stop/,
    )
    expect(transport.calls).toEqual([])
  })

  it('sends valid input as written and returns the validated output', async () => {
    const transport = new FakeTransport({
      updateSettings: () => ({ ok: true }),
      getState: () => makeAppState(),
    })
    const client = createEngineClient(transport)
    await expect(client.call('updateSettings', { patch: { maxRunners: 3 } })).resolves.toEqual({
      ok: true,
    })
    expect(transport.callsTo('updateSettings')).toEqual([{ patch: { maxRunners: 3 } }])
    expect((await client.call('getState', {})).version).toBe('0.1.0')
  })

  it('refuses an answer the contract does not describe', async () => {
    const transport = new FakeTransport({ start: () => ({ ok: 'yes' }) })
    await expect(createEngineClient(transport).call('start', {})).rejects.toThrow(
      /unexpected answer to start/,
    )
  })

  it("passes the host's refusal on", async () => {
    const transport = new FakeTransport({
      start: () => Promise.reject(new Error('Docker is not running.')),
    })
    await expect(createEngineClient(transport).call('start', {})).rejects.toThrow(
      'Docker is not running.',
    )
  })

  it('drops malformed events with a warning and delivers valid ones', () => {
    const transport = new FakeTransport()
    const warn = vi.fn()
    const client = createEngineClient(transport, warn)
    const seen: number[] = []
    const off = client.on('snapshot', (s) => seen.push(s.desired))
    transport.emit('snapshot', { desired: 'many' })
    transport.emit('snapshot', makeSnapshot({ desired: 4 }))
    expect(seen).toEqual([4])
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/dropped a malformed "snapshot" event/))
    off()
    transport.emit('snapshot', makeSnapshot({ desired: 5 }))
    expect(seen).toEqual([4])
  })
})
