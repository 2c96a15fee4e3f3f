// A runner that cannot connect says so within seconds, on stderr: "<time>: Runner connect error:
// <.NET's message>. Retrying until reconnected." (actions/runner MessageListener.cs,
// BrokerMessageListener.cs). The message names the endpoint it tried, "Connection refused
// (HOST:PORT)". Turned here into words a user can act on, with doctor's own advice.
import { reachCause, unreachableMessage } from '../docker/api-reach-plan'

/** What the explanation needs to know of the pool. */
export interface ConnectContext {
  /** The API URL runners were registered through (the endpoint they reach is on that host). */
  readonly apiUrl: string
  /** The Docker network runners join. */
  readonly networkMode: string
}

const RETRYING = /\.?\s*Retrying until reconnected\.?\s*$/
// .NET's socket errors end with the endpoint: "Connection refused (api.github.com:443)".
const ENDPOINT = /\(([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d+)\)\s*$/

/**
 * The problem to show for a runner's connect error: "Cannot reach URL from inside a container on
 * network N: DETAIL — ADVICE." for network failures (the same words as `runnerdock doctor`), or
 * "Cannot connect to URL: DETAIL." when it reached an endpoint that refused it.
 */
export function explainConnectError(runnerMessage: string, context: ConnectContext): string {
  const detail = runnerMessage.replace(RETRYING, '').trim()
  const url = endpointUrl(detail, context.apiUrl)
  if (reachCause(detail) === 'other')
    return `Cannot connect to ${url}: ${detail.replace(/\.+$/, '')}.`
  return capitalize(unreachableMessage(url, context.networkMode, detail))
}

/** The URL the runner tried: the API URL when the message names its host, else the named host. */
function endpointUrl(detail: string, apiUrl: string): string {
  const api = safeUrl(apiUrl)
  const named = ENDPOINT.exec(detail)
  if (!named) return api ? api.origin : apiUrl
  const [, host, port] = named
  if (api && api.hostname === host && (api.port || defaultPort(api.protocol)) === port)
    return api.origin
  return port === '443'
    ? `https://${host}`
    : port === '80'
      ? `http://${host}`
      : `https://${host}:${port}`
}

function defaultPort(protocol: string): string {
  return protocol === 'http:' ? '80' : '443'
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
