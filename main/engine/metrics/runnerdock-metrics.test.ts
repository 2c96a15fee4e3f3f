import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { testJobRecord } from '../../../common/testing/job-records'
import { RunnerDockMetrics } from './runnerdock-metrics'

// promtool (Debian's `prometheus` package; scripts/provision.sh installs it) lints the exposition
// the way Prometheus' own tooling does.
const hasPromtool = spawnSync('promtool', ['--version']).status === 0

function fedMetrics(): RunnerDockMetrics {
  const metrics = new RunnerDockMetrics()
  const job = (over: Parameters<typeof testJobRecord>[0]) =>
    metrics.jobFinished(testJobRecord(over))
  job({ id: '1', result: 'Succeeded', queuedAt: 0, startedAt: 4_000, finishedAt: 64_000 })
  job({ id: '2', result: 'Succeeded', queuedAt: 0, startedAt: 2_000, finishedAt: 32_000 })
  job({ id: '3', result: 'Failed', queuedAt: 0, startedAt: 30_000, finishedAt: 90_000 })
  job({ id: '4', repository: 'octo/lib', result: 'Canceled' })
  job({ id: '5', repository: null, result: null, queuedAt: null, finishedAt: null })
  metrics.observeRunnerStates({ idle: 2, busy: 3 })
  metrics.observeRunnerStates({ idle: 1 })
  metrics.gitHubRequest('POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig', 201)
  metrics.gitHubRequest('GET /repos/{owner}/{repo}/actions/runners', 304)
  metrics.gitHubRequest('GET /repos/{owner}/{repo}/actions/runners', 304)
  metrics.gitHubRequest('GET /user', 0)
  metrics.rateLimitRemaining(4_987)
  metrics.dockerError('unreachable')
  metrics.dockerError('unreachable')
  metrics.dockerError('timeout')
  metrics.cacheSize('logs', 1_234_567)
  return metrics
}

async function values(metrics: RunnerDockMetrics, name: string) {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name)
  return metric?.values.map((v) => ({ labels: v.labels, value: v.value })) ?? []
}

describe('RunnerDock metrics', () => {
  it('counts finished jobs by repository and result, exactly as fed', async () => {
    const counted = await values(fedMetrics(), 'gha_completed_jobs_total')
    expect(counted).toEqual([
      { labels: { organization: 'octo', repository: 'app', job_result: 'succeeded' }, value: 2 },
      { labels: { organization: 'octo', repository: 'app', job_result: 'failed' }, value: 1 },
      { labels: { organization: 'octo', repository: 'lib', job_result: 'canceled' }, value: 1 },
      { labels: { organization: '', repository: '', job_result: 'unknown' }, value: 1 },
    ])
  })

  it('observes pickup latency and duration in seconds, skipping unknown spans', async () => {
    const text = await fedMetrics().exposition()
    expect(text).toContain(
      'gha_job_startup_duration_seconds_count{organization="octo",repository="app"} 3',
    )
    expect(text).toContain(
      'gha_job_startup_duration_seconds_sum{organization="octo",repository="app"} 36',
    )
    expect(text).toContain(
      'gha_job_startup_duration_seconds_bucket{le="5",organization="octo",repository="app"} 2',
    )
    expect(text).toContain(
      'gha_job_execution_duration_seconds_sum{organization="octo",repository="app",job_result="succeeded"} 90',
    )
    expect(text).not.toMatch(/gha_job_execution_duration_seconds_count\{[^}]*job_result="unknown"/)
  })

  it('shows every runner state, with states that emptied back at 0', async () => {
    const states = await values(fedMetrics(), 'runnerdock_runners')
    const count = (state: string) => states.find((s) => s.labels.state === state)?.value
    expect(states).toHaveLength(10)
    expect([count('idle'), count('busy'), count('starting')]).toEqual([1, 0, 0])
  })

  it('counts GitHub requests, Docker errors and keeps rate limit and cache sizes', async () => {
    const metrics = fedMetrics()
    expect(await values(metrics, 'runnerdock_github_requests_total')).toEqual([
      {
        labels: {
          route: 'POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig',
          status: '201',
        },
        value: 1,
      },
      { labels: { route: 'GET /repos/{owner}/{repo}/actions/runners', status: '304' }, value: 2 },
      { labels: { route: 'GET /user', status: '0' }, value: 1 },
    ])
    expect(await values(metrics, 'runnerdock_github_rate_limit_remaining')).toEqual([
      { labels: {}, value: 4_987 },
    ])
    expect(await values(metrics, 'runnerdock_docker_errors_total')).toEqual([
      { labels: { kind: 'unreachable' }, value: 2 },
      { labels: { kind: 'timeout' }, value: 1 },
    ])
    expect(await values(metrics, 'runnerdock_cache_size_bytes')).toEqual([
      { labels: { cache: 'logs' }, value: 1_234_567 },
    ])
  })

  it('sets each target cache’s size, and 0 for one that is gone', async () => {
    const metrics = new RunnerDockMetrics()
    metrics.targetCacheSizes(
      new Map([
        ['github.com/acme', 1_000],
        ['github.com/octo/app', 2_000],
      ]),
    )
    metrics.targetCacheSizes(new Map([['github.com/acme', 1_500]]))
    expect(await values(metrics, 'runnerdock_cache_size_bytes')).toEqual([
      { labels: { cache: 'target github.com/acme' }, value: 1_500 },
      { labels: { cache: 'target github.com/octo/app' }, value: 0 },
    ])
  })

  it('shows no rate limit until GitHub has answered (0 would mean exhausted)', async () => {
    const metrics = new RunnerDockMetrics()
    expect(await metrics.exposition()).not.toContain('runnerdock_github_rate_limit_remaining')
    metrics.rateLimitRemaining(10)
    metrics.rateLimitRemaining(9)
    expect(await metrics.exposition()).toContain('runnerdock_github_rate_limit_remaining 9')
  })

  it('keeps its own registry: two instances do not share counts', async () => {
    const a = new RunnerDockMetrics()
    const b = new RunnerDockMetrics()
    a.dockerError('timeout')
    expect(await values(b, 'runnerdock_docker_errors_total')).toEqual([])
  })

  it('bounds a free-form label, so raw URLs cannot grow the series without end', async () => {
    const metrics = new RunnerDockMetrics()
    for (let i = 0; i < 250; i++) metrics.gitHubRequest(`GET /repos/o/r/actions/runs/${i}`, 200)
    const routes = await values(metrics, 'runnerdock_github_requests_total')
    expect(routes).toHaveLength(201)
    expect(routes.find((r) => r.labels.route === 'other')?.value).toBe(50)
  })

  it.skipIf(!hasPromtool)(
    'passes `promtool check metrics` (skipped without promtool: apt-get install prometheus)',
    async () => {
      const text = await fedMetrics().exposition()
      const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })
      expect(`${lint.stdout}${lint.stderr}`).toBe('')
      expect(lint.status).toBe(0)
    },
  )
})
