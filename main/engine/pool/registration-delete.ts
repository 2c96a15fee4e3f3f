import type { Target } from '../../../common/target'
import type { GitHubPort } from '../github/github-port'

/**
 * Deletes a runner registration, retrying while GitHub still holds the runner as busy (422, it
 * is finishing a job) or is briefly unreachable, until `retryMs` has passed. Resolves true when
 * the registration is gone; false with `warn` told why when it is not (a later sweep retries).
 */
export async function deleteRegistration(
  github: GitHubPort,
  target: Target,
  runnerId: number,
  retryMs: number,
  warn: (message: string) => void,
): Promise<boolean> {
  const deadline = Date.now() + retryMs
  for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
    const result = await github.deleteRunner(target, runnerId)
    if (result.ok) return true
    const transient = ['busy', 'server', 'network'].includes(result.error.kind)
    if (!transient) {
      warn(`Could not remove runner registration ${runnerId}: ${result.error.message}`)
      return false
    }
    if (Date.now() + delay > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, delay))
  }
}
