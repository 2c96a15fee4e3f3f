// Plain-HTTP helpers for the emulator's own specs: they talk to it the way Octokit and the stand-in
// runner do (fetch, no client library), so what they check is the wire, not a wrapper's view of it.

/** One HTTP answer, body parsed as JSON when it is JSON, else kept as text. */
export interface HttpAnswer {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
  readonly text: string
}

/** What a request may carry besides method and path. */
export interface RequestOptions {
  /** Bearer token; `null` sends no Authorization header. Default: a classic PAT. */
  readonly token?: string | null
  /** JSON body (or, with `form`, form fields). */
  readonly body?: unknown
  readonly form?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
}

/** The token specs use unless they say otherwise (the emulator accepts unknown classic tokens). */
export const TEST_TOKEN = 'ghp_emulatorspec000000000000000000000000'

/** Sends one request to `base + path`. */
export async function request(
  base: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {
    Accept: 'application/vnd.github+json',
    ...options.headers,
  }
  const token = options.token === undefined ? TEST_TOKEN : options.token
  if (token !== null) headers['Authorization'] = `Bearer ${token}`
  let body: string | undefined
  if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const response = await fetch(`${base}${path}`, { method, headers, body })
  const text = await response.text()
  const json = (response.headers.get('content-type') ?? '').includes('application/json')
  return {
    status: response.status,
    headers: response.headers,
    body: json && text !== '' ? (JSON.parse(text) as unknown) : text,
    text,
  }
}

/** A request function bound to one emulator. */
export type Requester = (
  method: string,
  path: string,
  options?: RequestOptions,
) => Promise<HttpAnswer>

/** Binds `request` to an emulator's URL. */
export function requester(base: string): Requester {
  return (method, path, options) => request(base, method, path, options)
}

/** A JSON object answer's fields (fails the spec when the body is not an object). */
export function fields(answer: HttpAnswer): Record<string, unknown> {
  const { body } = answer
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`Expected a JSON object, got ${answer.status} ${answer.text.slice(0, 200)}`)
  }
  return body as Record<string, unknown>
}
