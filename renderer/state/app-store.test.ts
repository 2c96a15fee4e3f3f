import { describe, expect, it } from 'vitest'
import { createEngineClient } from '../client/engine-client'
import { FakeTransport } from '../test/fake-transport'
import { testJobRecord } from '../../common/testing/job-records'
import { makeAppState, makeLogs, makeRunner, makeSnapshot } from '../test/fixtures'
import { createAppStore } from './app-store'
import { linesBetween } from './log-buffer'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

function setup(
  handlers: Record<string, (input: unknown) => unknown> = {},
  status: 'open' | 'connecting' = 'open',
) {
  const transport = new FakeTransport(
    { getState: () => makeAppState(), readLogs: () => ({ entries: [], sources: [] }), ...handlers },
    status,
  )
  const store = createAppStore(createEngineClient(transport, () => {}))
  return { transport, store }
}

describe('app store', () => {
  it('loads the state, then follows events', async () => {
    const { store, transport } = setup()
    await flush()
    expect(store.getState().data?.snapshot.desired).toBe(1)
    transport.emit('snapshot', makeSnapshot({ desired: 3 }))
    expect(store.getState().data?.snapshot.desired).toBe(3)
    transport.emit('deviceFlow', {
      state: 'pending',
      userCode: 'ABCD-1234',
      verificationUri: 'https://github.com/login/device',
      expiresAt: 9,
    })
    expect(store.getState().data?.deviceFlow.state).toBe('pending')
  })

  it('keeps an event that arrived while getState was answered', async () => {
    let answer: (value: unknown) => void = () => {}
    const { store, transport } = setup({
      getState: () => new Promise((resolve) => (answer = resolve)),
    })
    transport.emit('snapshot', makeSnapshot({ desired: 7 }))
    answer(makeAppState())
    await flush()
    expect(store.getState().data?.snapshot.desired).toBe(7)
  })

  it('waits for the connection and reloads after every reconnection', async () => {
    const { store, transport } = setup({}, 'connecting')
    await flush()
    expect(transport.callsTo('getState')).toHaveLength(0)
    transport.setStatus('open')
    await flush()
    expect(store.getState().data).not.toBeNull()
    transport.setStatus('reconnecting')
    expect(store.getState().connection).toBe('reconnecting')
    transport.setStatus('open')
    expect(transport.callsTo('getState')).toHaveLength(2)
  })

  it('shows notices and failed actions as toasts', async () => {
    const { store, transport } = setup({
      start: () => ({ ok: false, message: 'Docker is not running.' }),
    })
    transport.emit('notice', { time: 1, level: 'warn', runner: 'r1', message: 'Job failed' })
    expect(await store.getState().actions.start()).toEqual({
      ok: false,
      message: 'Docker is not running.',
    })
    expect(store.getState().toasts.map((t) => t.message)).toEqual([
      'r1: Job failed',
      'Docker is not running.',
    ])
  })

  it('sends a settings patch as it is: absent fields stay as they are', async () => {
    const { store, transport } = setup({ updateSettings: () => ({ ok: true }) })
    await flush()
    await store.getState().actions.updateSettings({ maxRunners: 4 })
    const sent = transport.callsTo('updateSettings')[0] as { patch: Record<string, unknown> }
    expect(sent.patch).toEqual({ maxRunners: 4 })
  })

  it('turns a lost connection into a failure value', async () => {
    const { store } = setup({ retry: () => Promise.reject(new Error('Lost the connection')) })
    expect(await store.getState().actions.retry()).toEqual({
      ok: false,
      message: 'Lost the connection',
    })
  })

  it('backfills a log view, merges live lines, and re-reads what the host skipped', async () => {
    const { store, transport } = setup({
      readLogs: (input) => {
        const { afterSeq } = input as { afterSeq?: number }
        return afterSeq === undefined
          ? {
              entries: makeLogs(3, 'a', 1),
              sources: [{ runner: 'a', finished: false, lines: 3, firstSeq: 1, lastSeq: 3 }],
            }
          : { entries: makeLogs(5, 'a', afterSeq + 1), sources: [] }
      },
    })
    store.getState().actions.openLogs('a')
    transport.emit('logs', makeLogs(1, 'a', 4))
    await flush()
    const seqs = () => linesBetween(store.getState().logs.buffer).map((l) => l.seq)
    expect(seqs()).toEqual([1, 2, 3, 4])
    transport.emit('logs', makeLogs(1, 'a', 9))
    await flush()
    expect(transport.callsTo('readLogs')[1]).toEqual({ runner: 'a', afterSeq: 4, limit: 50_000 })
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('reads the history when asked, merges jobs that ended meanwhile, then follows job events', async () => {
    let answer: (value: unknown) => void = () => {}
    const { store, transport } = setup({
      listJobs: () => new Promise((resolve) => (answer = resolve)),
    })
    await flush()
    // Before anyone asked, job events are not kept: a load reads them from the history.
    transport.emit('job', testJobRecord({ id: 'before', recordedAt: 5 }))
    expect(store.getState().history.records).toBeNull()
    const loading = store.getState().actions.loadHistory()
    expect(store.getState().history.loading).toBe(true)
    transport.emit('job', testJobRecord({ id: 'during', recordedAt: 30 }))
    answer({ records: [testJobRecord({ id: 'listed', recordedAt: 20 })], problem: null })
    await loading
    const ids = () => store.getState().history.records?.map((r) => r.id)
    expect(ids()).toEqual(['during', 'listed'])
    expect(transport.callsTo('listJobs')).toEqual([{ limit: 5_000 }])
    transport.emit('job', testJobRecord({ id: 'after', recordedAt: 40 }))
    expect(ids()).toEqual(['after', 'during', 'listed'])
  })

  it('says why the history is off, and reports a failed read as an error to retry', async () => {
    let fail = true
    const { store } = setup({
      listJobs: () =>
        fail
          ? Promise.reject(new Error('Lost the connection'))
          : { records: [], problem: 'Job history is off: the disk is full.' },
    })
    await store.getState().actions.loadHistory()
    expect(store.getState().history).toMatchObject({ records: null, error: 'Lost the connection' })
    fail = false
    await store.getState().actions.loadHistory()
    expect(store.getState().history).toMatchObject({
      records: [],
      error: null,
      problem: 'Job history is off: the disk is full.',
    })
  })

  it('reads the history again after a reconnection, once it was shown', async () => {
    const { store, transport } = setup({ listJobs: () => ({ records: [], problem: null }) })
    await flush()
    transport.setStatus('reconnecting')
    transport.setStatus('open')
    expect(transport.callsTo('listJobs')).toHaveLength(0)
    await store.getState().actions.loadHistory()
    transport.setStatus('reconnecting')
    transport.setStatus('open')
    await flush()
    expect(transport.callsTo('listJobs')).toHaveLength(2)
  })

  it('samples busy and idle runners from every snapshot for the utilization chart', async () => {
    let clock = 1_000
    const transport = new FakeTransport({
      getState: () => makeAppState({ snapshot: makeSnapshot({ running: false }) }),
    })
    const store = createAppStore(
      createEngineClient(transport, () => {}),
      { now: () => clock },
    )
    await flush()
    clock = 2_000
    transport.emit(
      'snapshot',
      makeSnapshot({ running: true, runners: [makeRunner({ name: 'a', phase: 'busy' })] }),
    )
    expect(store.getState().history.utilization).toEqual([
      { at: 1_000, busy: 0, idle: 0 },
      { at: 2_000, busy: 1, idle: 0 },
    ])
  })
})
