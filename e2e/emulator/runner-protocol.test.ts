// The runner side of the emulator over plain HTTP, exactly as the stand-in image speaks it with
// busybox wget: sessions, long polls, label matching, heartbeats, completion, deletion, zombies,
// lost communication, and what the REST API shows meanwhile (online, busy, the job's progress).
import { describe, expect, it } from 'vitest'
import { useEmulator } from './test-emulator'
import type { Runner, WorkflowJob } from './github-types'
import type { Emulator } from './index'
import { fields, type Requester } from './test-http'
import { protocolClient, registerRunner, type SpecRunner } from './test-runner'

const OFFLINE_AFTER_MS = 600
const LONG_POLL_MS = 400
const REPO = { owner: 'octo', repo: 'app' }
const RUNNERS = '/repos/octo/app/actions/runners'

let emulator: Emulator
let api: Requester

useEmulator((started) => ({ emulator, api } = started), {
  runnerOfflineAfterMs: OFFLINE_AFTER_MS,
  runnerLongPollMs: LONG_POLL_MS,
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const restRunner = async (id: number) => fields(await api('GET', `${RUNNERS}/${id}`)) as Runner
const linux = (name = 'r1', labels = ['self-hosted', 'linux']) =>
  registerRunner(emulator.url, { name, labels })
const poll = (runner: SpecRunner, session: string) =>
  runner.call('GET', `/sessions/${session}/message`)

describe('sessions', () => {
  it('turns the registration online at once, with the version and a heartbeat interval', async () => {
    const runner = await linux()
    expect((await restRunner(runner.id)).status).toBe('offline')
    const answer = await runner.call('POST', '/sessions', 'version=2.330.0')
    expect(answer.line).toMatch(/^session [0-9a-f]{24} 0\.2$/)
    expect(await restRunner(runner.id)).toMatchObject({ status: 'online', version: '2.330.0' })
    expect(emulator.runners()[0]).toMatchObject({ sessions: 1, zombieSessions: 0 })
  })

  it('stays online while polling and goes offline once not heard from', async () => {
    const runner = await linux()
    const session = await runner.openSession()
    const started = Date.now()
    expect((await poll(runner, session)).line).toBe('none')
    expect(Date.now() - started).toBeGreaterThanOrEqual(LONG_POLL_MS - 20)
    expect((await restRunner(runner.id)).status).toBe('online')
    await sleep(OFFLINE_AFTER_MS + 100)
    expect((await restRunner(runner.id)).status).toBe('offline')
  })

  it('ends a session on delete: offline at once, the registration stays', async () => {
    const runner = await linux()
    const session = await runner.openSession()
    expect((await runner.call('POST', `/sessions/${session}/delete`)).line).toBe('ok')
    expect((await restRunner(runner.id)).status).toBe('offline')
    expect((await poll(runner, session)).line).toBe('ended')
  })

  it('refuses a session for a deleted registration, and a request with the wrong secret', async () => {
    const runner = await linux()
    const session = await runner.openSession()
    expect((await api('DELETE', `${RUNNERS}/${runner.id}`)).status).toBe(204)
    expect((await runner.call('POST', '/sessions', 'version=2.330.0')).line).toBe('deleted')
    expect((await poll(runner, session)).line).toBe('deleted')
    const other = await linux('r2')
    const stolen = await other.call('GET', `/sessions/${session}/message`)
    expect(stolen.status).toBe(401)
  })

  it('answers 503 to every runner request during an outage', async () => {
    const runner = await linux()
    emulator.setRunnerOutage(true)
    expect((await runner.call('POST', '/sessions', 'version=1')).status).toBe(503)
    emulator.setRunnerOutage(false)
    expect((await runner.call('POST', '/sessions', 'version=1')).status).toBe(200)
  })
})

describe('jobs', () => {
  it('hands a queued job to a waiting poll at once and runs it to completion', async () => {
    const runner = await linux()
    const session = await runner.openSession()
    const waiting = poll(runner, session)
    await sleep(50)
    const queuedAt = Date.now()
    const jobId = emulator.queueJob(REPO, {
      name: 'build (linux)',
      labels: ['self-hosted', 'linux'],
      script: 'echo hi',
    })
    expect((await waiting).line).toBe(`job ${jobId} build (linux)`)
    expect(Date.now() - queuedAt).toBeLessThan(300)
    expect(await restRunner(runner.id)).toMatchObject({ status: 'online', busy: true })
    expect(emulator.job(jobId)).toMatchObject({ status: 'in_progress', runnerName: 'r1' })

    const script = await runner.call('GET', `/sessions/${session}/jobs/${jobId}/script`)
    expect(script.text).toBe('echo hi\n')
    const beat = await runner.call('POST', `/sessions/${session}/jobs/${jobId}/heartbeat`)
    expect(beat.line).toBe('ok')

    // What the app reads for demand while the job runs.
    const runId = emulator.job(jobId)!.runId
    const jobs = fields(await api('GET', `/repos/octo/app/actions/runs/${runId}/jobs`))
    expect((jobs['jobs'] as WorkflowJob[])[0]).toMatchObject({
      status: 'in_progress',
      runner_name: 'r1',
      runner_group_name: 'Default',
      labels: ['self-hosted', 'linux'],
    })

    const done = await runner.call(
      'POST',
      `/sessions/${session}/jobs/${jobId}/complete`,
      'result=Failed',
    )
    expect(done.line).toBe('ok')
    expect(emulator.job(jobId)).toMatchObject({
      status: 'completed',
      result: 'Failed',
      conclusion: 'failure',
    })
    // Ephemeral: GitHub deletes the registration after its job.
    expect((await api('GET', `${RUNNERS}/${runner.id}`)).status).toBe(404)
    expect((await poll(runner, session)).line).toBe('deleted')
    const runs = fields(await api('GET', '/repos/octo/app/actions/runs?status=completed'))
    expect(runs['total_count']).toBe(1)
  })

  it('gives a job only to a runner with all its labels, case-insensitively', async () => {
    const bare = await linux('bare', ['linux'])
    const full = await linux('full', ['Self-Hosted', 'Linux'])
    const bareSession = await bare.openSession()
    const jobId = emulator.queueJob(REPO, {
      name: 'j',
      labels: ['self-hosted', 'linux'],
      script: 'true',
    })
    expect((await poll(bare, bareSession)).line).toBe('none')
    expect(emulator.job(jobId)?.status).toBe('queued')
    const fullSession = await full.openSession()
    expect((await poll(full, fullSession)).line).toBe(`job ${jobId} j`)
  })

  it('keeps repository runners to their repository; org runners serve the org', async () => {
    const repoRunner = await linux('repo-runner', ['linux'])
    const orgRunner = await registerRunner(emulator.url, {
      name: 'org-runner',
      labels: ['linux'],
      base: '/orgs/octo-org',
    })
    const elsewhere = emulator.queueJob(
      { org: 'octo-org' },
      {
        name: 'org job',
        labels: ['linux'],
        script: 'true',
      },
    )
    const repoSession = await repoRunner.openSession()
    expect((await poll(repoRunner, repoSession)).line).toBe('none')
    const orgSession = await orgRunner.openSession()
    expect((await poll(orgRunner, orgSession)).line).toBe(`job ${elsewhere} org job`)
    expect(emulator.job(elsewhere)).toMatchObject({
      repo: 'runnerdock-e2e',
      runnerName: 'org-runner',
    })
  })

  it('fails the job of a busy runner that stops heart-beating, and cancels it for the runner', async () => {
    const runner = await linux()
    const session = await runner.openSession()
    const jobId = emulator.queueJob(REPO, { name: 'j', labels: ['linux'], script: 'sleep 9' })
    expect((await poll(runner, session)).line).toBe(`job ${jobId} j`)
    await sleep(OFFLINE_AFTER_MS + 100)
    expect(emulator.job(jobId)).toMatchObject({
      status: 'completed',
      result: 'Failed',
      reason: 'The self-hosted runner: r1 lost communication with the server.',
    })
    const beat = await runner.call('POST', `/sessions/${session}/jobs/${jobId}/heartbeat`)
    expect(beat.line).toBe('cancelled')
    expect(await restRunner(runner.id)).toMatchObject({ status: 'offline', busy: false })
  })
})

describe('deleting a registration while its runner listens', () => {
  it('answers the open poll with "deleted" at once', async () => {
    const runner = await linux()
    const session = await runner.openSession()
    const waiting = poll(runner, session)
    await sleep(50)
    const started = Date.now()
    expect((await api('DELETE', `${RUNNERS}/${runner.id}`)).status).toBe(204)
    expect((await waiting).line).toBe('deleted')
    expect(Date.now() - started).toBeLessThan(300)
  })
})

describe('a reused JIT config', () => {
  it('gets "deleted" once its runner has run its job', async () => {
    const runner = await linux()
    const session = await runner.openSession()
    const jobId = emulator.queueJob(REPO, { name: 'j', labels: ['linux'], script: 'true' })
    await poll(runner, session)
    await runner.call('POST', `/sessions/${session}/jobs/${jobId}/complete`, 'result=Succeeded')
    const reused = protocolClient(runner.encoded)
    expect((await reused.call('POST', '/sessions', 'version=2.330.0')).line).toBe('deleted')
  })

  it('becomes a zombie while the registration lives: online, never given a job', async () => {
    const first = await linux()
    const firstSession = await first.openSession()
    const zombie = protocolClient(first.encoded)
    const zombieSession = await zombie.openSession()
    expect(emulator.runners()[0]).toMatchObject({ sessions: 2, zombieSessions: 1 })

    // The first process stops; the zombie alone keeps the registration online.
    await first.call('POST', `/sessions/${firstSession}/delete`)
    const jobId = emulator.queueJob(REPO, { name: 'j', labels: ['linux'], script: 'true' })
    expect((await poll(zombie, zombieSession)).line).toBe('none')
    expect(await restRunner(first.id)).toMatchObject({ status: 'online', busy: false })
    expect(emulator.job(jobId)?.status).toBe('queued')
  })
})
