import { describe, expect, it } from 'vitest'
import { testJobRecord, TEST_BASE_TIME } from '../../common/testing/job-records'
import { formatJobsTable, formatSpan, formatWhen } from './jobs-table'

const MIN = 60 * 1000

describe('jobs table', () => {
  it('writes spans short enough for a column', () => {
    expect(formatSpan(null)).toBe('-')
    expect(formatSpan(850)).toBe('850 ms')
    expect(formatSpan(42_000)).toBe('42 s')
    expect(formatSpan(185_000)).toBe('3 m 05 s')
    expect(formatSpan(127 * MIN)).toBe('2 h 07 m')
    expect(formatSpan(76 * 60 * MIN)).toBe('3 d 4 h')
  })

  it('says when relative to now while recent, as a UTC time after a week', () => {
    const now = Date.UTC(2026, 0, 15, 12)
    expect(formatWhen(now - 10_000, now)).toBe('just now')
    expect(formatWhen(now - 5 * MIN, now)).toBe('5 m ago')
    expect(formatWhen(now - 3 * 60 * MIN, now)).toBe('3 h ago')
    expect(formatWhen(now - 2 * 24 * 60 * MIN, now)).toBe('2 d ago')
    expect(formatWhen(Date.UTC(2026, 0, 1, 9, 5), now)).toBe('2026-01-01 09:05')
  })

  it('aligns the columns, numbers on the right, failures in capitals', () => {
    const records = [
      testJobRecord({ id: '2', result: 'Failed', job: 'lint', runner: 'rd-ab12cd34-0002' }),
      testJobRecord({
        id: '1',
        repository: 'octo/a-much-longer-name',
        workflow: null,
        job: 'deploy',
        queuedAt: null,
        startedAt: TEST_BASE_TIME,
        finishedAt: TEST_BASE_TIME + 3_725_000,
        result: null,
      }),
    ]
    const now = TEST_BASE_TIME + 2 * 60 * MIN
    expect(formatJobsTable(records, now).split('\n')).toEqual([
      'WHEN      REPOSITORY               WORKFLOW / JOB  RESULT  WAITED      TOOK  RUNNER',
      '1 h ago   octo/app                 CI / lint       FAILED    12 s  1 m 35 s  rd-ab12cd34-0002',
      '57 m ago  octo/a-much-longer-name  deploy          -            -  1 h 02 m  rd-ab12cd34-0001',
    ])
  })

  it('clips a very long job name instead of widening every row', () => {
    const table = formatJobsTable([testJobRecord({ job: 'x'.repeat(200) })], TEST_BASE_TIME)
    expect(table.split('\n')[1]).toContain(`CI / ${'x'.repeat(54)}…`)
  })
})
