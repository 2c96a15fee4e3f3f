import { err, ok, type Result } from '../../../common/result'
import { workflowAsksSelfHosted } from '../../../common/workflow-runs-on'
import type { GitHubFailure } from '../github/github-failure'
import type { GitHubPort, RepoRef, RepositoryInfo } from '../github/github-port'

/** A repository whose workflows ask for self-hosted runners, and why we think so. */
export interface DiscoveredRepo {
  readonly ref: RepoRef
  readonly visibility: RepositoryInfo['visibility']
  readonly asks: 'yes' | 'maybe'
  /** `ci.yml: build: runs-on [self-hosted, linux]`, one per job that decided it. */
  readonly reasons: readonly string[]
}

/** Which of `repos` ask for self-hosted runners in their workflow files (contents API). */
export async function reposAskingSelfHosted(
  github: GitHubPort,
  repos: readonly RepositoryInfo[],
  concurrency = 2,
): Promise<Result<DiscoveredRepo[], GitHubFailure>> {
  const found: DiscoveredRepo[] = []
  let failure: GitHubFailure | null = null
  const queue = [...repos]
  const worker = async () => {
    for (let repo = queue.shift(); repo && !failure; repo = queue.shift()) {
      const checked = await examine(github, repo)
      if (!checked.ok) failure = checked.error
      else if (checked.value) found.push(checked.value)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  if (failure) return err(failure)
  return ok(
    found.sort((a, b) =>
      `${a.ref.owner}/${a.ref.repo}`.localeCompare(`${b.ref.owner}/${b.ref.repo}`),
    ),
  )
}

async function examine(
  github: GitHubPort,
  repo: RepositoryInfo,
): Promise<Result<DiscoveredRepo | null, GitHubFailure>> {
  const ref = { owner: repo.owner, repo: repo.repo }
  const files = await github.listWorkflowFiles(ref)
  if (!files.ok) return files
  let asks: DiscoveredRepo['asks'] | null = null
  const reasons: string[] = []
  for (const file of files.value.value) {
    const text = await github.readFile(ref, file.path)
    if (!text.ok) {
      if (text.error.kind === 'not-found') continue
      return text
    }
    const verdict = workflowAsksSelfHosted(text.value.value)
    if (verdict.asks === 'no') continue
    if (verdict.asks === 'yes' || asks === null) asks = verdict.asks
    const name = file.path.split('/').pop() ?? file.path
    reasons.push(...verdict.reasons.map((r) => `${name}: ${r}`))
  }
  return ok(asks === null ? null : { ref, visibility: repo.visibility, asks, reasons })
}

/**
 * Every repository the token can administer whose workflows ask for self-hosted runners (or may:
 * a runs-on built from an expression). Archived repositories run no workflows and are skipped.
 */
export async function discoverRepositories(
  github: GitHubPort,
): Promise<Result<DiscoveredRepo[], GitHubFailure>> {
  const listed = await github.listAccountRepositories()
  if (!listed.ok) return listed
  return reposAskingSelfHosted(
    github,
    listed.value.value.filter((r) => r.admin && !r.archived),
  )
}
