// Workflow runs and jobs over plain HTTP, driven by runners speaking the runner protocol: each
// answer checked against the required fields of GitHub's schema; a run's status across its jobs
// (docs/github-facts.md, "Demand"); `waiting` jobs that no runner gets until approved; the times
// a job records; ETags that follow every change, and 304s that cost no rate limit.
import { describe, expect, it } from 'vitest'
import type {
  MinimalRepository,
  WorkflowJob,
  WorkflowJobList,
  WorkflowRun,
  WorkflowRunList,
} from './github-types'
import type { Emulator } from './index'
import { expectFields, requiredKeys } from './schema-keys'
import { etagOf, expectFreeNotModified } from './test-etag'
import { useEmulator } from './test-emulator'
import { fields, type Requester } from './test-http'
import { registerRunner, type SpecRunner } from './test-runner'

const JOB = requiredKeys<WorkflowJob>()([
  'id',
  'run_id',
  'run_url',
  'node_id',
  'head_sha',
  'url',
  'html_url',
  'status',
  'conclusion',
  'created_at',
  'started_at',
  'completed_at',
  'name',
  'check_run_url',
  'labels',
  'runner_id',
  'runner_name',
  'runner_group_id',
  'runner_group_name',
  'workflow_name',
  'head_branch',
])
const RUN = requiredKeys<WorkflowRun>()([
  'id',
  'node_id',
  'head_branch',
  'head_sha',
  'path',
  'run_number',
  'event',
  'status',
  'conclusion',
  'workflow_id',
  'url',
  'html_url',
  'pull_requests',
  'created_at',
  'updated_at',
  'jobs_url',
  'logs_url',
  'check_suite_url',
  'artifacts_url',
  'cancel_url',
  'rerun_url',
  'workflow_url',
  'head_commit',
  'repository',
  'head_repository',
  'display_title',
])
const MINIMAL_REPO = requiredKeys<MinimalRepository>()([
  'id',
  'node_id',
  'name',
  'full_name',
  'owner',
  'private',
  'html_url',
  'description',
  'fork',
  'url',
  'archive_url',
  'assignees_url',
  'blobs_url',
  'branches_url',
  'collaborators_url',
  'comments_url',
  'commits_url',
  'compare_url',
  'contents_url',
  'contributors_url',
  'deployments_url',
  'downloads_url',
  'events_url',
  'forks_url',
  'git_commits_url',
  'git_refs_url',
  'git_tags_url',
  'hooks_url',
  'issue_comment_url',
  'issue_events_url',
  'issues_url',
  'keys_url',
  'labels_url',
  'languages_url',
  'merges_url',
  'milestones_url',
  'notifications_url',
  'pulls_url',
  'releases_url',
  'stargazers_url',
  'statuses_url',
  'subscribers_url',
  'subscription_url',
  'tags_url',
  'teams_url',
  'trees_url',
])
const RUNS = requiredKeys<WorkflowRunList>()(['total_count', 'workflow_runs'])
const JOBS = requiredKeys<WorkflowJobList>()(['total_count', 'jobs'])

const REPO = { owner: 'octo', repo: 'app' }
const BASE = '/repos/octo/app/actions'
const LONG_POLL_MS = 300

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started), { runnerLongPollMs: LONG_POLL_MS })

const runsWith = async (status: string): Promise<WorkflowRun[]> =>
  (fields(await api('GET', `${BASE}/runs?status=${status}`)) as WorkflowRunList).workflow_runs
const jobsOf = async (runId: number): Promise<WorkflowJob[]> =>
  (fields(await api('GET', `${BASE}/runs/${runId}/jobs?filter=latest`)) as WorkflowJobList).jobs
const restJob = async (id: number) => fields(await api('GET', `${BASE}/jobs/${id}`)) as WorkflowJob

/** A runner with an open session, and the id of the job its next poll is handed (or the verb). */
async function listeningRunner(name: string): Promise<{
  runner: SpecRunner
  session: string
  poll: () => Promise<string>
  complete: (jobId: number, result?: string) => Promise<void>
}> {
  const runner = await registerRunner(emulator.url, { name, labels: ['self-hosted', 'linux'] })
  const session = await runner.openSession()
  return {
    runner,
    session,
    poll: async () => (await runner.call('GET', `/sessions/${session}/message`)).line,
    complete: async (jobId, result = 'Succeeded') =>
      void (await runner.call(
        'POST',
        `/sessions/${session}/jobs/${jobId}/complete`,
        `result=${result}`,
      )),
  }
}

const queue = (name: string, extra: { runId?: number; waiting?: boolean } = {}) =>
  emulator.queueJob(REPO, { name, labels: ['self-hosted', 'linux'], script: 'true', ...extra })

describe('shapes', () => {
  it('answers runs, a run, its jobs and a job with GitHub’s fields, each with a free 304', async () => {
    const id = emulator.queueJob(REPO, {
      name: 'build',
      labels: ['self-hosted', 'linux'],
      script: 'true',
      workflowName: 'CI',
      headBranch: 'feature/x',
    })
    const runId = emulator.job(id)!.runId

    const runs = await expectFreeNotModified(api, `${BASE}/runs`)
    expectFields(runs.body, RUNS, 'run list')
    const run = (runs.body as WorkflowRunList).workflow_runs[0]!
    expectFields(run, RUN, 'workflow run')
    expectFields(run.repository, MINIMAL_REPO, 'run repository')
    expect(run).toMatchObject({
      id: runId,
      name: 'CI',
      head_branch: 'feature/x',
      status: 'queued',
      conclusion: null,
      jobs_url: `${emulator.url}${BASE}/runs/${runId}/jobs`,
      repository: { full_name: 'octo/app', private: true },
    })

    const single = await expectFreeNotModified(api, `${BASE}/runs/${runId}`)
    expect(single.body).toEqual(run)

    const jobs = await expectFreeNotModified(api, `${BASE}/runs/${runId}/jobs`)
    expectFields(jobs.body, JOBS, 'job list')
    const listed = (jobs.body as WorkflowJobList).jobs[0]!
    expectFields(listed, JOB, 'workflow job')
    expect(listed).toMatchObject({
      id,
      run_id: runId,
      run_url: `${emulator.url}${BASE}/runs/${runId}`,
      url: `${emulator.url}${BASE}/jobs/${id}`,
      html_url: `https://github.com/octo/app/actions/runs/${runId}/job/${id}`,
      status: 'queued',
      conclusion: null,
      labels: ['self-hosted', 'linux'],
      runner_id: null,
      runner_name: null,
      runner_group_id: null,
      runner_group_name: null,
      workflow_name: 'CI',
      head_branch: 'feature/x',
      completed_at: null,
    })
    // A job no runner has started reports its creation time as started_at.
    expect(listed.started_at).toBe(listed.created_at)

    const job = await expectFreeNotModified(api, `${BASE}/jobs/${id}`)
    expect(job.body).toEqual(listed)
    expect((await api('GET', `${BASE}/runs/${runId}/jobs?filter=all`)).body).toEqual(jobs.body)
  })

  it('answers 404 for unknown runs and jobs, and for jobs of another repository', async () => {
    const id = queue('build')
    expect((await api('GET', `${BASE}/runs/999`)).status).toBe(404)
    expect((await api('GET', `${BASE}/runs/999/jobs`)).status).toBe(404)
    expect((await api('GET', `${BASE}/jobs/999`)).status).toBe(404)
    expect((await api('GET', `/repos/octo/other/actions/jobs/${id}`)).status).toBe(404)
    expect((await api('GET', `/repos/OCTO/App/actions/jobs/${id}`)).status).toBe(200)
    emulator.setAccount({ anyRepositoryExists: false })
    expect((await api('GET', `${BASE}/runs`)).status).toBe(404)
    expect(() => queue('nowhere')).toThrow(/No repository octo\/app/)
  })
})

describe('a run holding several jobs', () => {
  it('stays in progress while its later jobs queue, and completes with its last job', async () => {
    const first = queue('build')
    const runId = emulator.job(first)!.runId
    const second = queue('test', { runId })
    expect((await runsWith('queued')).map((r) => r.id)).toEqual([runId])

    const one = await listeningRunner('one')
    expect(await one.poll()).toBe(`job ${first} build`)
    expect(await runsWith('queued')).toEqual([])
    expect((await runsWith('in_progress')).map((r) => r.id)).toEqual([runId])
    expect((await jobsOf(runId)).map((j) => [j.name, j.status, j.runner_name])).toEqual([
      ['build', 'in_progress', 'one'],
      ['test', 'queued', null],
    ])

    await one.complete(first)
    // The first job is done, the second still queued: the run is in progress, not queued.
    expect((await runsWith('in_progress')).map((r) => r.id)).toEqual([runId])
    expect(await runsWith('queued')).toEqual([])

    const two = await listeningRunner('two')
    expect(await two.poll()).toBe(`job ${second} test`)
    await two.complete(second, 'Failed')
    const [done] = await runsWith('completed')
    expect(done).toMatchObject({ id: runId, status: 'completed', conclusion: 'failure' })
    expect((await runsWith('failure')).map((r) => r.id)).toEqual([runId])
    expect(await runsWith('success')).toEqual([])
    expect(await restJob(first)).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      runner_id: one.runner.id,
      runner_name: 'one',
      runner_group_id: 1,
      runner_group_name: 'Default',
    })
  })

  it('filters runs by branch', async () => {
    emulator.queueJob(REPO, { name: 'a', labels: [], script: 'true', headBranch: 'dev' })
    queue('b')
    const dev = fields(await api('GET', `${BASE}/runs?branch=dev`)) as WorkflowRunList
    expect(dev.workflow_runs.map((r) => r.head_branch)).toEqual(['dev'])
  })

  it('records when a job was created, started and completed', async () => {
    const id = queue('timed')
    const one = await listeningRunner('one')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(await one.poll()).toBe(`job ${id} timed`)
    await one.complete(id)
    const job = await restJob(id)
    const [created, started, completed] = [job.created_at, job.started_at, job.completed_at!].map(
      (t) => Date.parse(t),
    )
    expect(started! - created!).toBeGreaterThanOrEqual(1000)
    expect(completed!).toBeGreaterThanOrEqual(started!)
    const view = emulator.job(id)!
    expect(Date.parse(view.startedAt!) - Date.parse(view.queuedAt!)).toBeGreaterThanOrEqual(1000)
  })
})

describe('waiting jobs (environment protection rules)', () => {
  it('never go to a runner until approved; the run is waiting meanwhile', async () => {
    const first = queue('build')
    const runId = emulator.job(first)!.runId
    const deploy = queue('deploy', { runId, waiting: true })
    const one = await listeningRunner('one')
    expect(await one.poll()).toBe(`job ${first} build`)
    await one.complete(first)
    expect((await runsWith('waiting')).map((r) => r.id)).toEqual([runId])
    expect(await runsWith('in_progress')).toEqual([])
    expect(await restJob(deploy)).toMatchObject({ status: 'waiting', runner_name: null })

    const two = await listeningRunner('two')
    expect(await two.poll()).toBe('none')
    expect(emulator.job(deploy)).toMatchObject({ status: 'waiting', queuedAt: null })

    const polling = two.poll()
    await new Promise((resolve) => setTimeout(resolve, 50))
    emulator.approveJob(deploy)
    expect(await polling).toBe(`job ${deploy} deploy`)
    expect(await restJob(deploy)).toMatchObject({ status: 'in_progress', runner_name: 'two' })
    expect((await runsWith('in_progress')).map((r) => r.id)).toEqual([runId])
    expect(() => emulator.approveJob(deploy)).toThrow(/is in_progress, not waiting/)
  })

  it('keep the run waiting while one waits and another approved one queues', async () => {
    const a = queue('deploy-eu', { waiting: true })
    const runId = emulator.job(a)!.runId
    const b = queue('deploy-us', { runId, waiting: true })
    emulator.approveJob(a)
    expect((await runsWith('waiting')).map((r) => r.id)).toEqual([runId])
    expect(await runsWith('queued')).toEqual([])
    expect((await jobsOf(runId)).map((j) => j.status)).toEqual(['queued', 'waiting'])
    emulator.approveJob(b)
    expect((await runsWith('queued')).map((r) => r.id)).toEqual([runId])
  })
})

describe('ETags', () => {
  it('change on every job queued, started or completed, even within one second', async () => {
    const first = queue('build')
    const runId = emulator.job(first)!.runId
    const one = await listeningRunner('one')
    expect(await one.poll()).toBe(`job ${first} build`)
    const paths = [
      `${BASE}/runs`,
      `${BASE}/runs?status=in_progress`,
      `${BASE}/runs/${runId}`,
      `${BASE}/runs/${runId}/jobs`,
    ]
    const tags = async () => Promise.all(paths.map((p) => etagOf(api, p)))
    const stale = async (before: string[]) => {
      for (const [i, path] of paths.entries()) {
        const answer = await api('GET', path, { headers: { 'If-None-Match': before[i]! } })
        expect(answer.status, `${path} after a change`).toBe(200)
      }
    }

    let before = await tags()
    const second = queue('test', { runId })
    await stale(before)
    before = await tags()
    const two = await listeningRunner('two')
    expect(await two.poll()).toBe(`job ${second} test`)
    await stale(before)
    before = await tags()
    await two.complete(second)
    await stale(before)
    before = await tags()
    const third = queue('lint', { runId, waiting: true })
    await stale(before)
    before = await tags()
    emulator.approveJob(third)
    await stale(before)
    expect(await etagOf(api, `${BASE}/jobs/${first}`)).toBe(
      await etagOf(api, `${BASE}/jobs/${first}`),
    )
  })

  it('keep a quiet poll free: repeated 304s leave the budget and count as notModified', async () => {
    queue('build')
    const first = await api('GET', `${BASE}/runs?status=queued`)
    const etag = first.headers.get('etag')!
    const remaining = first.headers.get('x-ratelimit-remaining')
    emulator.resetStats()
    for (let i = 0; i < 5; i++) {
      const again = await api('GET', `${BASE}/runs?status=queued`, {
        headers: { 'If-None-Match': etag },
      })
      expect(again.status).toBe(304)
      expect(again.headers.get('x-ratelimit-remaining')).toBe(remaining)
    }
    expect(emulator.stats()).toMatchObject({ requests: 5, notModified: 5 })
  })
})
