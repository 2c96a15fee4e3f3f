// Plain-data fixtures for tests in every layer (test code): a runner, a target's status and a
// pool snapshot with everything set to a sensible default.
import type { PoolSnapshot, RunnerView, TargetStatus } from '../pool-status'
import type { Target } from '../target'

/** The target fixtures default to. */
export const APP_TARGET: Target = { kind: 'repo', owner: 'octo', repo: 'app' }

/** A runner in a given state. */
export function makeRunner(overrides: Partial<RunnerView> = {}): RunnerView {
  return {
    name: 'runnerdock-1',
    runnerId: 1,
    containerId: 'c1',
    phase: 'idle',
    ending: null,
    createdAt: 1_000,
    onlineAt: 2_000,
    job: null,
    problem: null,
    goneAt: null,
    target: 'octo/app',
    jobUrl: null,
    version: null,
    ...overrides,
  }
}

/** A target's status with nothing running or waiting. */
export function makeTargetStatus(overrides: Partial<TargetStatus> = {}): TargetStatus {
  return {
    target: APP_TARGET,
    source: 'chosen',
    reasons: [],
    visibility: 'private',
    wanted: 1,
    busy: 0,
    idle: 0,
    starting: 0,
    queued: 0,
    oldestQueuedAt: null,
    blocked: null,
    problem: null,
    ...overrides,
  }
}

/** A stopped pool's snapshot for octo/app with nothing checked yet. */
export function makeSnapshot(overrides: Partial<PoolSnapshot> = {}): PoolSnapshot {
  const unknown = {
    state: 'unknown' as const,
    summary: 'Not checked yet',
    problem: null,
    checkedAt: null,
  }
  return {
    running: false,
    stopping: 'no',
    mode: 'fixed',
    targets: [makeTargetStatus()],
    apiUrl: 'https://api.github.com',
    desired: 1,
    minIdle: 0,
    maxRunners: 8,
    labels: [],
    runners: [],
    recent: [],
    health: { docker: unknown, github: unknown, token: unknown, image: unknown },
    blocked: null,
    imagePull: null,
    lastStop: null,
    version: 1,
    ...overrides,
  }
}
