// GitHub's rule for which repositories an organization runner group serves: its visibility
// (all, selected, private only) and `allows_public_repositories` (docs/github-facts.md).
import type { RepoRecord } from './repo-store'
import type { RunnerGroupRecord } from './runner-groups'

/** Whether runners of `group` may take jobs of `repo`. */
export function groupServesRepo(group: RunnerGroupRecord, repo: RepoRecord): boolean {
  if (repo.visibility === 'public' && !group.allowsPublicRepositories) return false
  if (group.visibility === 'private') return repo.visibility !== 'public'
  if (group.visibility === 'selected') {
    return group.selectedRepositories.some((name) => name.toLowerCase() === repo.name.toLowerCase())
  }
  return true
}
