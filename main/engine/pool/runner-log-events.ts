import type { RunnerEvent } from '../../../common/runner-machine'
import { parseRunnerLogLine, type RunnerLogEvent } from '../../../common/runner-log'
import { isTraceLine } from '../../../common/runner-trace'
import type { ContainerLogLine } from '../docker/docker-port'
import { explainConnectError, type ConnectContext } from './runner-connect-error'

/** What a line of the runner's own output means for its life, if anything. */
export function runnerEventOf(line: RunnerLogEvent, context: ConnectContext): RunnerEvent | null {
  switch (line.kind) {
    case 'listening':
      return { kind: 'listening' }
    case 'job-started':
      return { kind: 'job-started', job: line.job }
    case 'job-completed':
      return { kind: 'job-completed', job: line.job, result: line.result }
    case 'registration-deleted':
      return { kind: 'registration-deleted' }
    case 'connect-error':
      return { kind: 'connect-failed', message: explainConnectError(line.message, context) }
    case 'deprecated':
      return { kind: 'runner-error', message: line.message }
    case 'connected':
    case 'version':
      return null
  }
}

/**
 * One line of a runner container's log: the event it means for the runner's life (a status line,
 * or any stderr line as its latest problem), and whether GitHub refused the runner's version.
 * Trace lines (`[RUNNER … INFO Terminal] WRITE LINE: …`) repeat what the terminal lines say, so
 * they mean nothing here: the terminal line that follows is the one read.
 */
export function readLogLine(
  line: ContainerLogLine,
  context: ConnectContext,
): {
  event: RunnerEvent | null
  refused: string | null
  /** The runner's version, when this line says it ("Current runner version: '2.330.0'"). */
  version: string | null
} {
  if (line.stream === 'stdout' && isTraceLine(line.text))
    return { event: null, refused: null, version: null }
  const parsed = parseRunnerLogLine(line.text)
  const text = line.text.trim()
  const event = parsed
    ? runnerEventOf(parsed, context)
    : line.stream === 'stderr' && text
      ? ({ kind: 'runner-error', message: text } as const)
      : null
  const refused =
    parsed?.kind === 'deprecated'
      ? `GitHub refuses this runner version: ${parsed.message} Update the runner image.`
      : null
  return { event, refused, version: parsed?.kind === 'version' ? parsed.version : null }
}
