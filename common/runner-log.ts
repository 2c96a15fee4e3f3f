/**
 * What the runner's own log lines say (actions/runner `src/Runner.Listener`, docs/github-facts.md).
 * The container's exit code says nothing about the job, so activity comes from these lines. All
 * knowledge of the runner's wording lives here, so a change in GitHub's runner is one edit.
 */
export type RunnerLogEvent =
  | { readonly kind: 'connected' }
  | { readonly kind: 'version'; readonly version: string }
  | { readonly kind: 'listening' }
  | { readonly kind: 'job-started'; readonly job: string }
  | { readonly kind: 'job-completed'; readonly job: string; readonly result: string }
  | { readonly kind: 'registration-deleted' }
  | { readonly kind: 'connect-error'; readonly message: string }
  | { readonly kind: 'deprecated'; readonly message: string }

// "2026-11-22 10:00:00Z: Listening for Jobs" (.NET "u" format), optionally after a log prefix.
const STAMP = /^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ: )/
const RUNNING = 'Running job: '
const COMPLETED = / completed with result: (\S+)\s*$/

/**
 * Reads one line of runner output; returns null for lines that are not runner status (job output).
 * Cheap for the common case: most lines fail the first character checks.
 */
export function parseRunnerLogLine(rawLine: string): RunnerLogEvent | null {
  const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine
  if (line.length === 0) return null
  const first = line.charCodeAt(0)
  if (first >= 48 && first <= 57 /* digit: timestamped listener line */) {
    const stamp = STAMP.exec(line)
    if (stamp) return parseStamped(line.slice(stamp[0].length))
    return null
  }
  if (line.startsWith('√ Connected to GitHub')) return { kind: 'connected' }
  if (line.startsWith('Current runner version: ')) {
    return {
      kind: 'version',
      version: line.slice('Current runner version: '.length).replace(/'/g, '').trim(),
    }
  }
  if (line.startsWith('Failed to create a session. The runner registration has been deleted')) {
    return { kind: 'registration-deleted' }
  }
  if (line.startsWith(CONNECT_ERROR)) return connectError(line)
  if (line.includes('is deprecated and cannot receive messages')) {
    return { kind: 'deprecated', message: line.trim() }
  }
  return null
}

const CONNECT_ERROR = 'Runner connect error: '

function connectError(line: string): RunnerLogEvent {
  return { kind: 'connect-error', message: line.slice(CONNECT_ERROR.length).trim() }
}

function parseStamped(rest: string): RunnerLogEvent | null {
  // The listener stamps its connect errors too (actions/runner MessageListener.cs).
  if (rest.startsWith(CONNECT_ERROR)) return connectError(rest)
  if (rest === 'Listening for Jobs' || rest.startsWith('Listening for Jobs'))
    return { kind: 'listening' }
  if (rest.startsWith(RUNNING))
    return { kind: 'job-started', job: rest.slice(RUNNING.length).trim() }
  if (rest.startsWith('Job ')) {
    const completed = COMPLETED.exec(rest)
    if (completed) {
      const job = rest.slice(4, completed.index).trim()
      return { kind: 'job-completed', job, result: completed[1]! }
    }
  }
  return null
}
