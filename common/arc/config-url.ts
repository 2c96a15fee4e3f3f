import { err, ok, type Result } from '../result'
import { parseApiUrl, type Target } from '../target'

/** Where a scale set registers, as ARC's `githubConfigUrl` wants it, and which GitHub that is. */
export interface ConfigUrl {
  /** `https://github.com/owner/repo`, `https://github.com/org`, or the same on a GHES host. */
  readonly url: string
  /** The web host: github.com or the GitHub Enterprise Server's host. */
  readonly host: string
  readonly enterpriseServer: boolean
}

/**
 * ARC takes the target's web URL, not the API URL RunnerDock keeps: api.github.com maps to
 * https://github.com, and `https://HOST/api/v3` (GitHub Enterprise Server) to `https://HOST`.
 */
export function configUrlFor(apiUrl: string, target: Target): Result<ConfigUrl, string> {
  const api = parseApiUrl(apiUrl)
  if (!api.ok) return err(api.error)
  const path = target.kind === 'repo' ? `${target.owner}/${target.repo}` : target.org
  return ok({
    url: `${api.value.webUrl}/${path}`,
    host: api.value.host,
    enterpriseServer: api.value.host !== 'github.com',
  })
}
