import { describe, expect, it } from 'vitest'
import { testJobRecord } from '../../../common/testing/job-records'
import { decodeRecord, encodeLine, LineSplitter } from './history-lines'

describe('history lines', () => {
  it('writes one record per line and reads it back', () => {
    const record = testJobRecord({ job: 'tests — ünïcode ✓' })
    const line = encodeLine(record)
    expect(line.endsWith('\n')).toBe(true)
    expect(line.indexOf('\n')).toBe(line.length - 1)
    expect(decodeRecord(line.slice(0, -1))).toEqual(record)
  })

  it('reads damaged or foreign lines as no record', () => {
    expect(decodeRecord('{"id":"1","repos')).toBeNull()
    expect(decodeRecord('{"id":"1"}')).toBeNull()
    expect(decodeRecord('')).toBeNull()
    expect(decodeRecord('null')).toBeNull()
  })

  it('splits chunks into complete lines and holds back the torn tail', () => {
    const splitter = new LineSplitter()
    expect(splitter.push(Buffer.from('ab\ncd')).map(String)).toEqual(['ab'])
    expect(splitter.push(Buffer.from('e\n\nfg')).map(String)).toEqual(['cde', ''])
    expect(splitter.completeBytes).toBe(8)
    expect(splitter.tailBytes).toBe(2)
  })

  it('never breaks a multi-byte character split across chunks', () => {
    const bytes = Buffer.from('✓\n')
    const splitter = new LineSplitter()
    expect(splitter.push(bytes.subarray(0, 1))).toEqual([])
    expect(splitter.push(bytes.subarray(1)).map((b) => b.toString('utf8'))).toEqual(['✓'])
  })
})
