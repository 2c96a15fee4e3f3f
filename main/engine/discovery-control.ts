import type { Clock } from '../../common/clock'
import { err, ok, type Result } from '../../common/result'
import { discoverRepositories, type DiscoveredRepo } from './demand/discovery'
import type { GitHubPort } from './github/github-port'

/** How often discovery looks again on its own while the pool runs. */
export const DISCOVERY_INTERVAL_MS = 24 * 60 * 60 * 1000

/**
 * The repositories discovery found (every one the token administers whose workflows ask for
 * self-hosted runners), when, and why it could not look. Refreshed on request and once a day;
 * the contents API is read with conditional requests, so looking again costs little.
 */
export class DiscoveryControl {
  repos: DiscoveredRepo[] = []
  checkedAt: number | null = null
  problem: string | null = null
  private running: Promise<Result<DiscoveredRepo[], string>> | null = null

  constructor(private readonly clock: Clock) {}

  /** Looks again (joins a look in progress). */
  refresh(github: GitHubPort): Promise<Result<DiscoveredRepo[], string>> {
    this.running ??= this.look(github).finally(() => (this.running = null))
    return this.running
  }

  private async look(github: GitHubPort): Promise<Result<DiscoveredRepo[], string>> {
    const found = await discoverRepositories(github)
    this.checkedAt = this.clock.now()
    if (!found.ok) {
      this.problem = `Could not look for repositories: ${found.error.message}`
      return err(this.problem)
    }
    this.problem = null
    this.repos = found.value
    return ok(found.value)
  }
}
