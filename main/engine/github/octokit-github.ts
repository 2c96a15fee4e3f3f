import type { GitHubPort } from './github-port'
import { actionsApi } from './octokit-actions'
import { createOctokitClient, type OctokitGitHubOptions } from './octokit-client'
import { repoApi } from './octokit-repos'
import { runnerApi } from './octokit-runners'

export { DEFAULT_CALL_DEADLINE_MS, type OctokitGitHubOptions } from './octokit-client'

/**
 * The GitHub adapter on @octokit/rest: one client (throttling, retries, deadlines, one cache of
 * conditional answers) behind the three areas RunnerDock uses: runners, repositories, and
 * workflow runs.
 */
export function createOctokitGitHub(options: OctokitGitHubOptions): GitHubPort {
  const client = createOctokitClient(options)
  return { ...runnerApi(client), ...repoApi(client), ...actionsApi(client) }
}
