// A run's status from its jobs, as GitHub reports it (docs/github-facts.md, "Demand"): queued
// until a job starts, in progress while later jobs queue, waiting while a job awaits approval.
import { describe, expect, it } from 'vitest'
import { JobStore, runStatus, type JobRecord } from './job-store'

const REPO = { owner: 'o', repo: 'r' }
const RUNNER = { id: 1, name: 'r1', groupId: 1 }

function storeWithRun(specs: ReadonlyArray<{ waiting?: boolean }>): {
  store: JobStore
  jobs: JobRecord[]
} {
  let now = 1_000
  const store = new JobStore(() => (now += 1000))
  const first = store.queue(REPO, { name: 'j0', labels: [], script: '', ...specs[0] })
  const jobs = [first]
  for (const [i, spec] of specs.slice(1).entries()) {
    jobs.push(
      store.queue(REPO, { name: `j${i + 1}`, labels: [], script: '', runId: first.runId, ...spec }),
    )
  }
  return { store, jobs }
}

describe('runStatus', () => {
  it('is queued until a job starts, in progress while later jobs queue, then completed', () => {
    const { store, jobs } = storeWithRun([{}, {}])
    const [a, b] = jobs as [JobRecord, JobRecord]
    expect(runStatus(jobs)).toBe('queued')
    store.start(a, RUNNER, 'Default')
    expect(runStatus(jobs)).toBe('in_progress')
    store.complete(a, 'Succeeded')
    expect(runStatus(jobs)).toBe('in_progress')
    store.start(b, RUNNER, 'Default')
    store.complete(b, 'Failed')
    expect(runStatus(jobs)).toBe('completed')
  })

  it('is waiting while a job awaits approval, even with another queued; running wins', () => {
    const { store, jobs } = storeWithRun([{}, { waiting: true }])
    const [a, b] = jobs as [JobRecord, JobRecord]
    expect(b.status).toBe('waiting')
    expect(runStatus(jobs)).toBe('waiting')
    store.start(a, RUNNER, 'Default')
    expect(runStatus(jobs)).toBe('in_progress')
    store.complete(a, 'Succeeded')
    expect(runStatus(jobs)).toBe('waiting')
    expect(store.approve(b)).toBe(true)
    expect(runStatus(jobs)).toBe('in_progress')
    expect(store.approve(b)).toBe(false)
  })

  it('records creation, queueing (approval), start and completion times', () => {
    const { store, jobs } = storeWithRun([{ waiting: true }])
    const job = jobs[0]!
    expect(job).toMatchObject({ queuedAt: null, startedAt: null, completedAt: null })
    store.approve(job)
    store.start(job, RUNNER, 'Default')
    store.complete(job, 'Succeeded')
    const times = [job.createdAt, job.queuedAt!, job.startedAt!, job.completedAt!]
    expect(times).toEqual([...times].sort((x, y) => x - y))
    expect(new Set(times).size).toBe(4)
  })

  it('names a new run after workflowName and headBranch, an existing run keeps its own', () => {
    const store = new JobStore()
    const a = store.queue(REPO, {
      name: 'build',
      labels: [],
      script: '',
      workflowName: 'CI',
      headBranch: 'dev',
    })
    store.queue(REPO, { name: 'x', labels: [], script: '', runId: a.runId, workflowName: 'Other' })
    expect(store.run('o', 'r', a.runId)).toMatchObject({ name: 'CI', headBranch: 'dev' })
    const b = store.queue(REPO, { name: 'lint', labels: [], script: '' })
    expect(store.run('o', 'r', b.runId)).toMatchObject({ name: 'lint', headBranch: 'main' })
  })
})
