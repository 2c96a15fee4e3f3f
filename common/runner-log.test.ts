import { describe, expect, it } from 'vitest'
import { parseRunnerLogLine } from './runner-log'

describe('parseRunnerLogLine', () => {
  it('reads the official runner status lines', () => {
    expect(parseRunnerLogLine('√ Connected to GitHub')).toEqual({ kind: 'connected' })
    expect(parseRunnerLogLine("Current runner version: '2.329.0'")).toEqual({
      kind: 'version',
      version: '2.329.0',
    })
    expect(parseRunnerLogLine('2026-11-22 10:00:00Z: Listening for Jobs')).toEqual({
      kind: 'listening',
    })
    expect(parseRunnerLogLine('2026-11-22 10:00:05Z: Running job: build (ubuntu)')).toEqual({
      kind: 'job-started',
      job: 'build (ubuntu)',
    })
    expect(
      parseRunnerLogLine('2026-11-22 10:00:09Z: Job build (ubuntu) completed with result: Failed'),
    ).toEqual({
      kind: 'job-completed',
      job: 'build (ubuntu)',
      result: 'Failed',
    })
  })

  it('reads the error lines the runner writes to stderr', () => {
    expect(
      parseRunnerLogLine(
        'Failed to create a session. The runner registration has been deleted from the server, please re-configure.',
      ),
    ).toEqual({
      kind: 'registration-deleted',
    })
    expect(
      parseRunnerLogLine('Runner connect error: connection refused. Retrying until reconnected.'),
    ).toEqual({
      kind: 'connect-error',
      message: 'connection refused. Retrying until reconnected.',
    })
    expect(
      parseRunnerLogLine(
        '2026-11-23 03:18:40Z: Runner connect error: 503 (Service Unavailable). Retrying until reconnected.',
      ),
    ).toEqual({
      kind: 'connect-error',
      message: '503 (Service Unavailable). Retrying until reconnected.',
    })
    expect(
      parseRunnerLogLine('Runner version v2.300.0 is deprecated and cannot receive messages.')
        ?.kind,
    ).toBe('deprecated')
  })

  it('ignores job output, including lines that merely look similar', () => {
    expect(parseRunnerLogLine('hello world')).toBeNull()
    expect(parseRunnerLogLine('')).toBeNull()
    expect(parseRunnerLogLine('2026 was a good year: Listening for Jobs')).toBeNull()
    expect(parseRunnerLogLine('echo Running job: fake')).toBeNull()
    expect(parseRunnerLogLine('2026-11-22 10:00:09Z: Job build has no result')).toBeNull()
  })

  it('tolerates a trailing carriage return', () => {
    expect(parseRunnerLogLine('2026-11-22 10:00:00Z: Listening for Jobs\r')).toEqual({
      kind: 'listening',
    })
  })
})
