import { formatTarget, type Target } from './target'

/** What is known of a target's exposure to public repositories. */
export interface TargetExposure {
  /** A repository's visibility (null for an organization, or not read yet). */
  readonly visibility: 'public' | 'private' | 'internal' | null
  /** An organization's runner group lets public repositories' jobs in. */
  readonly groupAllowsPublic: boolean
}

/** Whether the user allowed this target despite the risk (`allowPublic` holds OWNER/REPO or ORG). */
export function isPublicAllowed(target: Target, allowed: readonly string[]): boolean {
  const key = formatTarget(target).toLowerCase()
  return allowed.some((a) => a.trim().toLowerCase() === key)
}

/**
 * Why RunnerDock refuses to register runners for a target, or null. GitHub recommends
 * self-hosted runners only for private repositories (docs/github-facts.md, Public repositories): a
 * pull request from a fork of a public repository can run any code on the runner's machine. So a
 * public repository, or an organization whose runner group admits public repositories, gets no
 * runners unless the user allowed that one target after reading this.
 */
export function publicRisk(
  target: Target,
  exposure: TargetExposure,
  allowed: readonly string[],
): string | null {
  if (isPublicAllowed(target, allowed)) return null
  const name = formatTarget(target)
  const allow = `allow it in Settings (Public repositories) or run "runnerdock up --allow-public ${name}"`
  if (target.kind === 'repo' && exposure.visibility === 'public')
    return `${name} is a public repository: a pull request from anyone's fork could run its code on this machine. RunnerDock registers no runners for it unless you ${allow}.`
  if (target.kind === 'org' && exposure.groupAllowsPublic)
    return `The runner group RunnerDock uses in ${name} admits public repositories: a pull request from a fork of any public repository in ${name} could run its code on this machine. Restrict the group on GitHub, or ${allow}.`
  return null
}
