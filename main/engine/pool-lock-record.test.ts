import { describe, expect, it } from 'vitest'
import {
  formatLockRecord,
  judgeHolder,
  parseLockRecord,
  startTimeFromStat,
  type HolderFacts,
  type LockRecord,
} from './pool-lock-record'

const record: LockRecord = {
  pid: 4242,
  host: 'box',
  start: '123456',
  boot: 'boot-a',
  nonce: 'abcdef0123456789abcdef0123456789',
}
const facts: HolderFacts = {
  host: 'box',
  boot: 'boot-a',
  alive: true,
  start: '123456',
  writtenAtMs: 1000,
  startedAtMs: 500,
  self: { pid: 1, start: '99' },
}

describe('lock records', () => {
  it('round-trips, reads the bare pid of older versions, and refuses anything else', () => {
    expect(parseLockRecord(formatLockRecord(record))).toEqual(record)
    expect(parseLockRecord('4242\n')).toMatchObject({ pid: 4242, start: null, boot: null })
    for (const bad of ['', '0', '-1', 'x', '{}', '{"pid":1,"nonce":"../x"}', 'null', '[1]'])
      expect(parseLockRecord(bad), bad).toBeNull()
  })

  it('reads /proc/<pid>/stat field 22 even when the command name holds spaces and ")"', () => {
    const rest = 'S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 987654 20 21'
    expect(startTimeFromStat(`77 (node) ${rest}`)).toBe('987654')
    expect(startTimeFromStat(`77 (a b) c)) ${rest}`)).toBe('987654')
    expect(startTimeFromStat('77 (node) S 1')).toBeNull()
  })
})

describe('judgeHolder', () => {
  it('holds for the same live process, started when recorded, in this boot', () => {
    expect(judgeHolder(record, facts)).toEqual({ held: true, reason: 'process 4242 is running' })
  })

  it('is stale when the process is gone, the pid was reused, or the machine restarted', () => {
    expect(judgeHolder(record, { ...facts, alive: false }).held).toBe(false)
    expect(judgeHolder(record, { ...facts, start: '777' })).toMatchObject({
      held: false,
      reason: 'pid 4242 now belongs to another process',
    })
    expect(judgeHolder(record, { ...facts, boot: 'boot-b' })).toMatchObject({
      held: false,
      reason: 'the machine restarted since',
    })
    expect(judgeHolder(null, facts).held).toBe(false)
  })

  it('judges a bare pid by when its process started', () => {
    const legacy = parseLockRecord('4242')
    expect(judgeHolder(legacy, facts).held).toBe(true)
    expect(judgeHolder(legacy, { ...facts, startedAtMs: 5000 }).held).toBe(false)
    expect(judgeHolder(legacy, { ...facts, startedAtMs: null }).held).toBe(true)
  })

  it('never calls a lock stale on what it cannot know: another host, no start time', () => {
    expect(judgeHolder(record, { ...facts, host: 'other', alive: false })).toMatchObject({
      held: true,
      reason: 'it was taken on box',
    })
    expect(
      judgeHolder({ ...record, start: null, boot: null }, { ...facts, start: null }).held,
    ).toBe(true)
  })

  it('lets this process take over its own lock, but not a claim it does not know is its own', () => {
    const mine = { ...record, pid: 1, start: '99' }
    expect(judgeHolder(mine, { ...facts, start: '99' }).held).toBe(false)
    expect(judgeHolder(mine, { ...facts, start: '99', self: null }).held).toBe(true)
  })
})
