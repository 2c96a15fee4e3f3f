import { describe, expect, it } from 'vitest'
import { makeRunner, makeSnapshot } from '../test/fixtures'
import { logHeading, runnerIndex, runnerLabel } from './runner-index'

const job = (result: string | null) => ({ name: 'build', startedAt: 1, result, finishedAt: null })

describe('runner index', () => {
  it('knows live and recent runners, the live one winning', () => {
    const live = makeRunner({ name: 'rd-1', phase: 'busy', job: job(null) })
    const old = makeRunner({ name: 'rd-1', phase: 'gone', job: job('Failed') })
    const gone = makeRunner({ name: 'rd-2', phase: 'gone', job: job('Succeeded') })
    const index = runnerIndex(makeSnapshot({ runners: [live], recent: [old, gone] }))
    expect(index.get('rd-1')).toBe(live)
    expect(index.get('rd-2')).toBe(gone)
  })

  it('names runners by their job and target in the log picker', () => {
    const busy = makeRunner({ name: 'rd-1', phase: 'busy', job: job(null) })
    expect(runnerLabel('rd-1', busy, false)).toBe('build (running) — octo/app (rd-1)')
    expect(runnerLabel('rd-1', { ...busy, job: job('Succeeded') }, true)).toBe(
      'build: Succeeded — octo/app (rd-1)',
    )
    expect(runnerLabel('rd-3', makeRunner({ name: 'rd-3' }), false)).toBe('idle — octo/app (rd-3)')
    expect(runnerLabel('rd-9', undefined, true)).toBe('rd-9 (finished)')
  })

  it('heads the log with the job, its result and its run', () => {
    const url = 'https://github.com/octo/app/actions/runs/1/job/2'
    expect(logHeading('rd-1', makeRunner({ phase: 'busy', job: job(null), jobUrl: url }))).toEqual({
      title: 'build',
      result: null,
      running: true,
      url,
      target: 'octo/app',
      runner: 'rd-1',
    })
    expect(logHeading(null, undefined).title).toBe('All runners')
    expect(logHeading('rd-2', makeRunner()).title).toBe('Waiting for a job')
  })
})
