// The HTTP server: admin routes, the runner protocol, the OAuth device flow, and the REST API at
// the root (the app uses the emulator's URL as Octokit's `baseUrl`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { EmulatorAdmin } from './admin'
import { ADMIN_PREFIX, handleAdmin } from './admin-routes'
import type { EmulatorState } from './emulator-state'
import { parseBody, readBody, send } from './http-io'
import { handleRest } from './rest-pipeline'
import { handleOAuth } from './routes-oauth'
import { handleRunner, RUNNER_PREFIX } from './runner-protocol'

/** A node:http server answering everything the emulator emulates. */
export function createEmulatorServer(state: EmulatorState, admin: EmulatorAdmin): Server {
  return createServer((req, res) => {
    route(state, admin, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      send(res, { status: 500, body: { message: `Emulator error: ${message}`, status: '500' } })
    })
  })
}

async function route(
  state: EmulatorState,
  admin: EmulatorAdmin,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const api = `http://${req.headers.host ?? 'localhost'}`
  const url = new URL(req.url ?? '/', api)
  const bodyText = await readBody(req)
  const path = url.pathname
  if (path.startsWith(`${ADMIN_PREFIX}/`)) {
    const parsed = parseBody(bodyText, req.headers['content-type'])
    const body = parsed.ok ? parsed.value : null
    send(res, handleAdmin(admin, req.method ?? 'GET', path.slice(ADMIN_PREFIX.length), body))
    return
  }
  if (path.startsWith(`${RUNNER_PREFIX}/`)) {
    send(res, await handleRunner(state, req, res, url, bodyText))
    return
  }
  const oauth = await handleOAuth(state, { req, url, api, bodyText })
  send(res, oauth ?? (await handleRest(state, { req, url, api, bodyText })))
}
