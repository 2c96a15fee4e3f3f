import { makeJobRecord, type JobRecord, type JobRecordInput } from '../job-record'

const BASE = Date.UTC(2026, 0, 15, 12, 0, 0)

/** A plausible finished job for tests: one place, so every suite's records look alike. */
export function testJobRecord(overrides: Partial<JobRecordInput> = {}): JobRecord {
  const queuedAt = overrides.queuedAt === undefined ? BASE : overrides.queuedAt
  const startedAt =
    overrides.startedAt === undefined ? (queuedAt ?? BASE) + 12_000 : overrides.startedAt
  const finishedAt =
    overrides.finishedAt === undefined ? (startedAt ?? BASE) + 95_000 : overrides.finishedAt
  return makeJobRecord({
    id: '1001',
    repository: 'octo/app',
    workflow: 'CI',
    job: 'build',
    runId: 77,
    runUrl: 'https://github.com/octo/app/actions/runs/77',
    jobUrl: 'https://github.com/octo/app/actions/runs/77/job/1001',
    runner: 'rd-ab12cd34-0001',
    labels: ['self-hosted', 'Linux', 'X64'],
    result: 'Succeeded',
    source: 'github',
    recordedAt: finishedAt ?? startedAt ?? queuedAt ?? BASE,
    ...overrides,
    queuedAt,
    startedAt,
    finishedAt,
  })
}

/** A time base the fixtures share (2026-01-15 12:00 UTC). */
export const TEST_BASE_TIME = BASE
