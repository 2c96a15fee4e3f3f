import { sleep, type Clock } from '../../../common/clock'
import { err, ok, type Result } from '../../../common/result'
import type { Target } from '../../../common/target'
import type { GitHubFailure } from '../github/github-failure'
import type { GitHubPort } from '../github/github-port'

const TRANSIENT: ReadonlySet<GitHubFailure['kind']> = new Set([
  'busy',
  'server',
  'network',
  'unanswered',
])

const STOP_RETRIED: ReadonlySet<GitHubFailure['kind']> = new Set(['busy'])

/**
 * Deletes a runner registration, retrying while GitHub holds the runner as busy (422: a killed
 * runner's job is still winding down) or does not answer, until `retryMs` has passed or `signal`
 * aborts (a stop's GitHub budget is spent). Resolves ok once the registration is gone, or with the
 * last failure: the caller records the registration as left behind.
 */
export async function deleteRegistration(
  github: GitHubPort,
  target: Target,
  runnerId: number,
  options: { clock: Clock; retryMs: number; signal: AbortSignal; stopping?: boolean },
): Promise<Result<void, GitHubFailure>> {
  const { clock, signal } = options
  // A stop retries only what GitHub answered (a busy runner), never a GitHub that is away.
  const retried = options.stopping ? STOP_RETRIED : TRANSIENT
  const deadline = clock.now() + options.retryMs
  for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
    const result = await github.deleteRunner(target, runnerId, { signal })
    if (result.ok) return ok(undefined)
    if (!retried.has(result.error.kind)) return err(result.error)
    if (signal.aborted || clock.now() + delay > deadline) return err(result.error)
    await sleep(clock, delay, signal)
    if (signal.aborted) return err(result.error)
  }
}
