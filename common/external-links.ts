import { parseApiUrl } from './target'

/**
 * Whether a URL may go to the system browser: https pages of github.com (and its docs) or of the
 * configured GitHub Enterprise Server host, with no credentials in the URL. `openExternal` hands
 * the URL to the OS, so anything else (file:, custom schemes, other hosts) is refused.
 */
export function isAllowedExternalUrl(url: string, apiUrl: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false
  const hosts = new Set(['github.com', 'docs.github.com'])
  const api = parseApiUrl(apiUrl)
  if (api.ok && api.value.webUrl.startsWith('https://')) hosts.add(api.value.host.toLowerCase())
  return hosts.has(parsed.host.toLowerCase())
}
