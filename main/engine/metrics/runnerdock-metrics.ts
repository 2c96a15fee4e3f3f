import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { JobRecord } from '../../../common/job-record'
import type { RunnerPhase } from '../../../common/runner-machine'
import { boundedLabel, jobLabels, resultLabel } from './metric-labels'

/**
 * actions-runner-controller's buckets for `gha_job_startup_duration_seconds` and
 * `gha_job_execution_duration_seconds` (10 ms to 1 h), so ARC's quantile queries and dashboards
 * give the same answers on RunnerDock's numbers.
 */
export const ARC_RUNTIME_BUCKETS: readonly number[] = [
  0.01, 0.05, 0.1, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 18, 20, 25, 30, 40, 50, 60, 70, 80,
  90, 100, 110, 120, 150, 180, 210, 240, 300, 360, 420, 480, 540, 600, 900, 1200, 1800, 2400, 3000,
  3600,
]

// Every phase a runner can be in, so a state that empties reads 0 rather than its last count.
const RUNNER_STATES: readonly RunnerPhase[] = [
  'registering',
  'creating',
  'starting',
  'idle',
  'busy',
  'finished',
  'retiring',
  'cancelling',
  'removing',
  'gone',
]

const RATE_LIMIT_METRIC = 'runnerdock_github_rate_limit_remaining'

// Most distinct values a free-form label (route, error kind, cache name, repository) may take.
const MAX_LABEL_VALUES = 200

/**
 * RunnerDock's Prometheus metrics in a registry of its own (never prom-client's global one, so
 * two engines in one process, or tests, do not share counters). The engine calls one method per
 * event; `exposition()` is what `/metrics` and `runnerdock metrics` print.
 */
export class RunnerDockMetrics {
  /** The registry, for a host that serves it itself. */
  readonly registry = new Registry()
  private readonly seen = new Map<string, Set<string>>()
  private readonly cacheTargets = new Set<string>()

  private readonly runners = new Gauge({
    name: 'runnerdock_runners',
    help: 'Runners of the pool by state (the runner life phases).',
    labelNames: ['state'],
    registers: [this.registry],
  })
  private readonly completedJobs = new Counter({
    name: 'gha_completed_jobs_total',
    help: 'Jobs finished on RunnerDock runners, by repository and result (named as in actions-runner-controller).',
    labelNames: ['organization', 'repository', 'job_result'],
    registers: [this.registry],
  })
  private readonly startup = new Histogram({
    name: 'gha_job_startup_duration_seconds',
    help: 'How long jobs waited for a runner, queued to started by GitHub clock times (named as in actions-runner-controller).',
    labelNames: ['organization', 'repository'],
    buckets: [...ARC_RUNTIME_BUCKETS],
    registers: [this.registry],
  })
  private readonly execution = new Histogram({
    name: 'gha_job_execution_duration_seconds',
    help: 'How long jobs ran, started to finished (named as in actions-runner-controller).',
    labelNames: ['organization', 'repository', 'job_result'],
    buckets: [...ARC_RUNTIME_BUCKETS],
    registers: [this.registry],
  })
  private readonly githubRequests = new Counter({
    name: 'runnerdock_github_requests_total',
    help: 'GitHub API requests by route template and HTTP status (0: no answer).',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  })
  // Registered on the first answer: before it, a 0 would read as "rate limit exhausted".
  private readonly rateLimit = new Gauge({
    name: RATE_LIMIT_METRIC,
    help: 'Requests left in the GitHub API primary rate limit window, from the last response headers.',
    registers: [],
  })
  private readonly dockerErrors = new Counter({
    name: 'runnerdock_docker_errors_total',
    help: 'Failed Docker calls by kind (unreachable, permission, not-found, conflict, timeout, other).',
    labelNames: ['kind'],
    registers: [this.registry],
  })
  private readonly caches = new Gauge({
    name: 'runnerdock_cache_size_bytes',
    help: 'Size of each cache RunnerDock keeps, in bytes.',
    labelNames: ['cache'],
    registers: [this.registry],
  })

  constructor() {
    for (const state of RUNNER_STATES) this.runners.set({ state }, 0)
  }

  private label(metric: string, value: string): string {
    let seen = this.seen.get(metric)
    if (!seen) this.seen.set(metric, (seen = new Set()))
    return boundedLabel(seen, value, MAX_LABEL_VALUES)
  }

  /** The pool's runners counted by phase; phases not given are set to 0. */
  observeRunnerStates(counts: Readonly<Partial<Record<RunnerPhase, number>>>): void {
    for (const state of RUNNER_STATES) this.runners.set({ state }, counts[state] ?? 0)
  }

  /** One finished job: counted by result, its wait and run time observed when known. */
  jobFinished(record: JobRecord): void {
    const labels = jobLabels(record)
    const where = {
      organization: this.label('organization', labels.organization),
      repository: this.label('repository', labels.repository),
    }
    const withResult = { ...where, job_result: this.label('result', resultLabel(record.result)) }
    this.completedJobs.inc(withResult)
    if (record.pickupLatencyMs !== null) this.startup.observe(where, record.pickupLatencyMs / 1000)
    if (record.durationMs !== null) this.execution.observe(withResult, record.durationMs / 1000)
  }

  /**
   * One GitHub API answer. `route` is the request's template (`GET /repos/{owner}/{repo}/…`, as
   * Octokit's hooks give it), never a filled-in URL; `status` 0 when no answer came.
   */
  gitHubRequest(route: string, status: number | string): void {
    this.githubRequests.inc({ route: this.label('route', route), status: String(status) })
  }

  /** The `x-ratelimit-remaining` of the last GitHub answer. */
  rateLimitRemaining(remaining: number): void {
    if (!this.registry.getSingleMetric(RATE_LIMIT_METRIC))
      this.registry.registerMetric(this.rateLimit)
    this.rateLimit.set(remaining)
  }

  /** One failed Docker call, by `DockerFailure['kind']`. */
  dockerError(kind: string): void {
    this.dockerErrors.inc({ kind: this.label('docker', kind) })
  }

  /** A cache's current size (the log store, the image cache…). */
  cacheSize(name: string, bytes: number): void {
    this.caches.set({ cache: this.label('cache', name) }, bytes)
  }

  /**
   * Each target's cache size, as last measured; a target whose cache is gone reads 0 (a gauge that
   * kept its last value would claim space that was freed).
   */
  targetCacheSizes(sizes: ReadonlyMap<string, number>): void {
    for (const key of this.cacheTargets) if (!sizes.has(key)) this.cacheSize(`target ${key}`, 0)
    for (const [key, bytes] of sizes) {
      this.cacheTargets.add(key)
      this.cacheSize(`target ${key}`, bytes)
    }
  }

  /** The text exposition format (version 0.0.4), as a scrape or `runnerdock metrics` prints it. */
  exposition(): Promise<string> {
    return this.registry.metrics()
  }

  /** The Content-Type header that goes with `exposition()`. */
  get contentType(): string {
    return this.registry.contentType
  }
}
