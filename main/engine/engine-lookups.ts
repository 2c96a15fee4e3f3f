import type { DiscoveryControl } from './discovery-control'
import { openGitHubSession } from './github/github-session'
import type { TokenStore } from './secrets/token-store-port'

/**
 * What the dashboard asks GitHub outside the pool: the targets the token may administer (the
 * target picker) and the repositories whose workflows ask for self-hosted runners (discovery).
 * Each opens its own session with the saved token and answers a value, never throws.
 */
export function targetLookups(deps: {
  readonly tokens: TokenStore
  readonly apiUrl: () => string
  readonly discovery: DiscoveryControl
  readonly now: () => number
  /** Discovery found repositories: a running pool that serves them follows at once. */
  readonly discovered: () => void
}) {
  return {
    suggestTargets: async () => {
      const session = await openGitHubSession(deps.tokens, deps.apiUrl())
      if (!session.ok) return { ok: false as const, message: session.error.message }
      const listed = await session.value.github.listAdminTargets()
      if (!listed.ok) return { ok: false as const, message: listed.error.message }
      return {
        ok: true as const,
        targets: listed.value.map((target) => ({
          target,
          label:
            target.kind === 'repo'
              ? `${target.owner}/${target.repo}`
              : `${target.org} (organization)`,
        })),
      }
    },

    discoverTargets: async () => {
      const session = await openGitHubSession(deps.tokens, deps.apiUrl())
      if (!session.ok) return { ok: false as const, message: session.error.message }
      const found = await deps.discovery.refresh(session.value.github)
      if (!found.ok) return { ok: false as const, message: found.error }
      deps.discovered()
      return {
        ok: true as const,
        checkedAt: deps.discovery.checkedAt ?? deps.now(),
        repos: found.value.map((d) => ({
          target: { kind: 'repo' as const, owner: d.ref.owner, repo: d.ref.repo },
          visibility: d.visibility,
          asks: d.asks,
          reasons: [...d.reasons],
        })),
      }
    },
  }
}
