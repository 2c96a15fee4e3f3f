import type { RunnerEvent } from '../../../common/runner-machine'
import type { RunnerLogEvent } from '../../../common/runner-log'

/** What a line of the runner's own output means for its life, if anything. */
export function runnerEventOf(line: RunnerLogEvent): RunnerEvent | null {
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
      return { kind: 'runner-error', message: line.message }
    case 'deprecated':
      return { kind: 'runner-error', message: line.message }
    case 'connected':
    case 'version':
      return null
  }
}
