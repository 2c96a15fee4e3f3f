// GitHub's OAuth device flow endpoints (on github.com, here on the same origin). They take form or
// JSON bodies and answer form encoding unless the client sends `Accept: application/json`;
// errors come back as 200 with an `error` field, as GitHub does.
import type { IncomingMessage } from 'node:http'
import type { EmulatorState } from './emulator-state'
import { asRecord, delay, parseBody, type Reply } from './http-io'
import { errorReply } from './rest-context'

/** What an OAuth request needs. */
export interface OAuthRequest {
  readonly req: IncomingMessage
  readonly url: URL
  readonly api: string
  readonly bodyText: string
}

/** Answers `/login/device/code` and `/login/oauth/access_token`, or null for other paths. */
export async function handleOAuth(
  state: EmulatorState,
  request: OAuthRequest,
): Promise<Reply | null> {
  const { req, url } = request
  const route = `${req.method ?? 'GET'} ${url.pathname}`
  if (route !== 'POST /login/device/code' && route !== 'POST /login/oauth/access_token') return null
  await delay(state.faults.latencyMs)
  const fault = state.faults.take(url.pathname, { rateLimited: false })
  const reply =
    fault.kind === 'server-error'
      ? errorReply(fault.status, 'Server Error')
      : answer(state, request, route)
  state.stats.record(route, reply.status)
  return reply
}

function answer(state: EmulatorState, { req, api, bodyText }: OAuthRequest, route: string): Reply {
  const parsed = parseBody(bodyText, req.headers['content-type'])
  const fields = parsed.ok ? (asRecord(parsed.value) ?? {}) : {}
  const field = (name: string): string => {
    const value = fields[name] ?? new URL(req.url ?? '/', api).searchParams.get(name)
    return typeof value === 'string' ? value : ''
  }
  const clientId = field('client_id')
  if (clientId === '') {
    return reply(req, 400, {
      error: 'incorrect_client_credentials',
      error_description: 'The client_id and/or client_secret passed are incorrect.',
    })
  }
  if (route === 'POST /login/device/code') {
    return reply(req, 200, state.devices.start(clientId, field('scope'), `${api}/login/device`))
  }
  return reply(req, 200, state.devices.poll(field('device_code'), field('grant_type')))
}

function reply(req: IncomingMessage, status: number, body: object): Reply {
  if ((req.headers.accept ?? '').includes('application/json')) return { status, body }
  const form = new URLSearchParams(
    Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]),
  )
  return {
    status,
    text: form.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  }
}
