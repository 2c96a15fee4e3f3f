import { plainHttpRefusal } from '../../../common/target'
import type { GitHubPort } from './github-port'
import { thisMachineAddresses } from './machine-addresses'
import { actionsApi } from './octokit-actions'
import { createOctokitClient, type OctokitGitHubOptions } from './octokit-client'
import { repoApi } from './octokit-repos'
import { runnerApi } from './octokit-runners'
import { refusedGitHub } from './refused-github'

export { DEFAULT_CALL_DEADLINE_MS, type OctokitGitHubOptions } from './octokit-client'

/**
 * The GitHub adapter on @octokit/rest: one client (throttling, retries, deadlines, one cache of
 * conditional answers) behind the three areas RunnerDock uses: runners, repositories, and
 * workflow runs. A plain http:// API URL that is not this machine gets an adapter that refuses
 * every call before any request (`plainHttpRefusal`), so the token never crosses a network in
 * clear text.
 */
export function createOctokitGitHub(
  options: OctokitGitHubOptions & {
    /** This machine's addresses, for the plain-http rule; defaults to `thisMachineAddresses`. */
    readonly machineAddresses?: () => readonly string[]
  },
): GitHubPort {
  const refusal = plainHttpRefusal(
    options.apiUrl,
    (options.machineAddresses ?? thisMachineAddresses)(),
  )
  if (refusal !== null) return refusedGitHub(refusal)
  const client = createOctokitClient(options)
  return { ...runnerApi(client), ...repoApi(client), ...actionsApi(client) }
}
