// A runner in a spec: mints a JIT config over REST and speaks the runner protocol
// (runner-protocol.ts) with fetch, as the stand-in image does with busybox wget.
import { decodeJitConfig, type JitConfigFiles } from './jit-config'
import { fields, request, TEST_TOKEN } from './test-http'

/** One text answer of the runner protocol. */
export interface ProtocolAnswer {
  readonly status: number
  /** The first line, without its newline. */
  readonly line: string
  readonly text: string
}

/** A registered runner as a spec drives it. */
export interface SpecRunner {
  readonly id: number
  readonly name: string
  readonly encoded: string
  readonly files: JitConfigFiles
  /** A protocol call with this runner's secret (`path` below `/_runner`). */
  call(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
    signal?: AbortSignal,
  ): Promise<ProtocolAnswer>
  /** Opens a session; returns its id (throws unless the answer is `session ...`). */
  openSession(): Promise<string>
}

/** Where a runner registers: `/repos/{o}/{r}` or `/orgs/{org}`. */
export type RegistrationBase = `/repos/${string}/${string}` | `/orgs/${string}`

/** Registers a runner through generate-jitconfig and returns a protocol client for it. */
export async function registerRunner(
  apiUrl: string,
  options: { name: string; labels: readonly string[]; base?: RegistrationBase; groupId?: number },
): Promise<SpecRunner> {
  const base = options.base ?? '/repos/octo/app'
  const answer = await request(apiUrl, 'POST', `${base}/actions/runners/generate-jitconfig`, {
    token: TEST_TOKEN,
    body: { name: options.name, runner_group_id: options.groupId ?? 1, labels: options.labels },
  })
  if (answer.status !== 201) throw new Error(`generate-jitconfig: ${answer.status} ${answer.text}`)
  const body = fields(answer)
  const encoded = String(body['encoded_jit_config'])
  return protocolClient(encoded)
}

/** A protocol client for an encoded JIT config (a reused config gets a client of its own). */
export function protocolClient(encoded: string): SpecRunner {
  const files = decodeJitConfig(encoded)
  const call: SpecRunner['call'] = async (method, path, body, signal) => {
    const response = await fetch(`${files.runner.serverUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${files.credentials.data.runnerSecret}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: method === 'POST' ? (body ?? '') : undefined,
      signal,
    })
    const text = await response.text()
    return { status: response.status, line: text.split('\n')[0] ?? '', text }
  }
  return {
    id: files.runner.agentId,
    name: files.runner.agentName,
    encoded,
    files,
    call,
    openSession: async () => {
      const answer = await call('POST', '/sessions', 'version=2.330.0')
      const [verb, id] = answer.line.split(' ')
      if (answer.status !== 200 || verb !== 'session' || !id) {
        throw new Error(`Expected a session, got ${answer.status} ${answer.line}`)
      }
      return id
    },
  }
}
