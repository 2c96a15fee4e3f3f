import { err } from '../../../common/result'
import type { GitHubFailure } from './github-failure'
import type { GitHubPort } from './github-port'

/**
 * A GitHub adapter that refuses every call with `message`, before any request: used when the API
 * URL may not receive the token (plain http:// to another machine), so it never leaves the process.
 */
export function refusedGitHub(message: string): GitHubPort {
  const failure = err<GitHubFailure>({ kind: 'invalid', status: null, message, detail: message })
  const refuse = async () => failure
  return {
    identify: refuse,
    probeRunnerAdmin: refuse,
    resolveGroup: refuse,
    createJitRunner: refuse,
    listRunners: refuse,
    listAdminTargets: refuse,
    deleteRunner: refuse,
    getRepository: refuse,
    listAccountRepositories: refuse,
    listOrgRepositories: refuse,
    listWorkflowFiles: refuse,
    readFile: refuse,
    listRuns: refuse,
    listRunJobs: refuse,
  }
}
