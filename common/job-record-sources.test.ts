import { describe, expect, it } from 'vitest'
import { jobRecordSchema } from './job-record'
import { jobRecordFromGitHub, jobRecordFromRunner, runHtmlUrl } from './job-record-sources'

const githubJob = {
  id: 29_679_449,
  run_id: 10_771_100,
  html_url: 'https://github.com/octo/app/actions/runs/10771100/job/29679449',
  workflow_name: 'CI',
  name: 'test (20)',
  labels: ['self-hosted', 'linux'],
  runner_name: 'rd-ab12cd34-0001',
  created_at: '2026-01-15T12:00:00Z',
  started_at: '2026-01-15T12:00:09Z',
  completed_at: '2026-01-15T12:03:09Z',
  conclusion: 'failure',
}

describe('job record sources', () => {
  it("takes GitHub's times, so pickup latency is the user's real wait", () => {
    const record = jobRecordFromGitHub(githubJob, {
      repository: 'octo/app',
      runner: 'rd-ab12cd34-0001',
      recordedAt: Date.UTC(2026, 0, 15, 12, 3, 10),
    })
    expect(record).toEqual({
      id: '29679449',
      repository: 'octo/app',
      workflow: 'CI',
      job: 'test (20)',
      runId: 10_771_100,
      runUrl: 'https://github.com/octo/app/actions/runs/10771100',
      jobUrl: githubJob.html_url,
      runner: 'rd-ab12cd34-0001',
      labels: ['self-hosted', 'linux'],
      queuedAt: Date.UTC(2026, 0, 15, 12, 0, 0),
      startedAt: Date.UTC(2026, 0, 15, 12, 0, 9),
      finishedAt: Date.UTC(2026, 0, 15, 12, 3, 9),
      result: 'Failed',
      pickupLatencyMs: 9_000,
      durationMs: 180_000,
      source: 'github',
      recordedAt: Date.UTC(2026, 0, 15, 12, 3, 10),
    })
    expect(jobRecordSchema.parse(record)).toEqual(record)
  })

  it("prefers the result the runner printed over GitHub's conclusion", () => {
    const record = jobRecordFromGitHub(githubJob, {
      repository: 'octo/app',
      runner: 'r',
      recordedAt: 0,
      runnerResult: 'Canceled',
    })
    expect(record.result).toBe('Canceled')
  })

  it('treats an unparseable time as unknown', () => {
    const record = jobRecordFromGitHub(
      { ...githubJob, created_at: 'yesterday', completed_at: null },
      { repository: 'octo/app', runner: 'r', recordedAt: 0 },
    )
    expect(record).toMatchObject({ queuedAt: null, pickupLatencyMs: null, durationMs: null })
  })

  it('keeps a job known only from the runner log, without a queue time', () => {
    const record = jobRecordFromRunner(
      { name: 'build', startedAt: 1_000, finishedAt: 61_000, result: 'Succeeded' },
      { runner: 'rd-x-1', repository: null, labels: ['self-hosted'], recordedAt: 61_001 },
    )
    expect(record).toMatchObject({
      id: 'runner:rd-x-1',
      source: 'runner',
      queuedAt: null,
      pickupLatencyMs: null,
      durationMs: 60_000,
      result: 'Succeeded',
    })
    expect(jobRecordSchema.safeParse(record).success).toBe(true)
  })

  it("finds the run's page from the job's page, or builds it from the web root", () => {
    expect(runHtmlUrl('https://ghe.example/o/r/actions/runs/5/job/6', null, null)).toBe(
      'https://ghe.example/o/r/actions/runs/5',
    )
    expect(runHtmlUrl('https://github.com/o/r/actions/runs/5/attempts/2', null, null)).toBe(
      'https://github.com/o/r/actions/runs/5',
    )
    expect(runHtmlUrl(null, 'o/r', 5, 'https://github.com/')).toBe(
      'https://github.com/o/r/actions/runs/5',
    )
    expect(runHtmlUrl(null, 'o/r', 5)).toBeNull()
    expect(runHtmlUrl('https://github.com/o/r/pull/1', null, 5)).toBeNull()
  })
})
