// The emulator's side of the stand-in runner's protocol (internal: the app never sees it). Built
// for busybox `sh` + `wget`: every request carries the runner secret from `.credentials` as a
// bearer token, every answer is one line of plain text whose first word is a verb, and non-2xx
// only means "the service is unreachable" (wget exits non-zero; the stand-in retries).
//
//   POST /_runner/sessions                      body `version=X` -> `session <id> <heartbeatSeconds>` | `deleted`
//   GET  /_runner/sessions/{s}/message          long poll        -> `none` | `deleted` | `ended` | `job <id> <name>`
//   GET  /_runner/sessions/{s}/jobs/{j}/script                   -> the job's shell script
//   POST /_runner/sessions/{s}/jobs/{j}/heartbeat                -> `ok` | `cancelled` | `deleted`
//   POST /_runner/sessions/{s}/jobs/{j}/complete body `result=R` -> `ok` | `deleted`
//   POST /_runner/sessions/{s}/delete                            -> `ok`
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorState } from './emulator-state'
import type { PollAnswer } from './dispatcher'
import type { Reply } from './http-io'
import type { JobResult } from './job-store'
import { parseAuthorization } from './tokens'

/** Path prefix of the runner endpoints (a JIT config's `serverUrl` ends with it). */
export const RUNNER_PREFIX = '/_runner'

const text = (status: number, body: string): Reply => ({ status, text: `${body}\n` })
const RESULTS: readonly JobResult[] = ['Succeeded', 'Failed', 'Canceled']

/** Answers a runner request; `res` lets a long poll notice the runner hanging up. */
export async function handleRunner(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  bodyText: string,
): Promise<Reply> {
  if (state.runnerOutage) return text(503, 'unavailable')
  const secret = parseAuthorization(req.headers.authorization) ?? ''
  const path = url.pathname.slice(RUNNER_PREFIX.length)
  const method = req.method ?? 'GET'
  const form = new URLSearchParams(bodyText)

  if (method === 'POST' && path === '/sessions') {
    const session = state.dispatcher.createSession(secret, form.get('version'))
    if (session === 'deleted') return text(200, 'deleted')
    const heartbeat = Math.max(0.1, state.timing.offlineAfterMs / 3000)
    return text(200, `session ${session.id} ${Number(heartbeat.toFixed(2))}`)
  }

  const match =
    /^\/sessions\/([0-9a-f]+)(?:\/jobs\/(\d+))?\/(message|script|heartbeat|complete|delete)$/.exec(
      path,
    )
  if (!match) return text(404, 'not found')
  const [, sessionId = '', jobText, action] = match
  const found = state.runners.session(sessionId)
  if (found && found.runner.secret !== secret) return text(401, 'unauthorized')
  const jobId = Number(jobText)

  switch (`${method} ${action}`) {
    case 'GET message':
      return text(200, describe(await state.dispatcher.poll(sessionId, hangUpSignal(res))))
    case 'GET script': {
      const job = state.jobs.get(jobId)
      if (!found || !job || job.runnerId !== found.runner.id) return text(404, 'not found')
      found.session.lastSeenAt = Date.now()
      return { status: 200, text: job.script.endsWith('\n') ? job.script : `${job.script}\n` }
    }
    case 'POST heartbeat':
      return text(200, state.dispatcher.heartbeat(sessionId, jobId))
    case 'POST complete': {
      const result = form.get('result')
      const known = RESULTS.find((r) => r === result) ?? 'Failed'
      return text(200, state.dispatcher.complete(sessionId, jobId, known))
    }
    case 'POST delete':
      state.dispatcher.endSession(sessionId)
      return text(200, 'ok')
    default:
      return text(405, 'method not allowed')
  }
}

function describe(answer: PollAnswer): string {
  if (answer.kind !== 'job') return answer.kind
  return `job ${answer.job.id} ${answer.job.name.replace(/[\r\n]+/g, ' ')}`
}

/** Aborts when the client goes away before the answer is written. */
function hangUpSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  return controller.signal
}
