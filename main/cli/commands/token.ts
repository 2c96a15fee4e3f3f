import { parseApiUrl, type Target } from '../../../common/target'
import { describeCheck } from '../../../common/token-access'
import { sessionForToken } from '../../engine/github/github-session'
import type { TokenStore } from '../../engine/secrets/token-store-port'
import { EXIT, type ConsoleIo } from '../../services/console-io'

/** `runnerdock token set`: read from stdin, check with GitHub, then save to the keychain. */
export async function tokenSet(
  io: ConsoleIo,
  tokens: TokenStore,
  apiUrl: string,
  target: Target | null,
): Promise<number> {
  const api = parseApiUrl(apiUrl)
  if (!api.ok) return (io.err(api.error), EXIT.usage)
  const token = await io.readSecret(`Paste a GitHub token for ${api.value.host} (input hidden): `)
  if (!token)
    return (
      io.err('No token was given on standard input. Pipe it in or paste it at the prompt.'),
      EXIT.failed
    )
  if (/\s/.test(token))
    return (
      io.err('That does not look like a token: it contains spaces or several lines.'),
      EXIT.failed
    )
  const session = sessionForToken(api.value.apiUrl, api.value.host, { token, source: 'keychain' })
  const check = await session.check(target)
  if (check.status !== 'valid' || (target !== null && !check.canRegister)) {
    io.err(`Not saved: ${check.message}`)
    return EXIT.failed
  }
  const saved = await tokens.set(api.value.host, token)
  if (!saved.ok) return (io.err(`Not saved: ${saved.error.message}`), EXIT.failed)
  io.out(
    `Saved the token of ${describeCheck({ ...check, source: null })} for ${api.value.host} in the keychain.`,
  )
  if (io.env.GITHUB_TOKEN)
    io.out('Note: GITHUB_TOKEN is set in this environment and is used instead of the saved token.')
  return EXIT.ok
}

/** `runnerdock token status`: whose token is in use and what it may do. */
export async function tokenStatus(
  io: ConsoleIo,
  tokens: TokenStore,
  apiUrl: string,
  target: Target | null,
): Promise<number> {
  const api = parseApiUrl(apiUrl)
  if (!api.ok) return (io.err(api.error), EXIT.usage)
  const stored = await tokens.get(api.value.host)
  if (!stored.ok) return (io.err(stored.error.message), EXIT.failed)
  if (stored.value === null) {
    io.err(
      `No token is saved for ${api.value.host}. Run "runnerdock token set" (or set GITHUB_TOKEN).`,
    )
    return EXIT.failed
  }
  const check = await sessionForToken(api.value.apiUrl, api.value.host, stored.value).check(target)
  io.out(`${api.value.host}: ${describeCheck(check)}`)
  io.out(check.message)
  return check.status === 'valid' ? EXIT.ok : EXIT.failed
}

/** `runnerdock token clear`: remove the saved token for the host. */
export async function tokenClear(
  io: ConsoleIo,
  tokens: TokenStore,
  apiUrl: string,
): Promise<number> {
  const api = parseApiUrl(apiUrl)
  if (!api.ok) return (io.err(api.error), EXIT.usage)
  const cleared = await tokens.clear(api.value.host)
  if (!cleared.ok) return (io.err(cleared.error.message), EXIT.failed)
  io.out(
    cleared.value.removed
      ? `Removed the token for ${api.value.host} from the keychain.`
      : `No token was saved for ${api.value.host}.`,
  )
  if (io.env.GITHUB_TOKEN) io.out('Note: GITHUB_TOKEN is still set in this environment.')
  return EXIT.ok
}
