// Small node:http helpers: read a body, parse JSON or form encoding, write an answer.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** An answer a handler computes before anything is written, so the pipeline can add headers. */
export interface Reply {
  readonly status: number
  /** JSON body; omitted for 204/304. */
  readonly body?: unknown
  /** Plain-text body (the runner protocol and form-encoded OAuth answers). */
  readonly text?: string
  readonly headers?: Readonly<Record<string, string>>
  /**
   * State the ETag must follow beyond the body (never sent): a list whose items can change
   * without any field the body shows changing (a second job queued in the same second).
   */
  readonly etagSeed?: string
}

/** A parsed request body: JSON, form fields as an object, or a parse failure. */
export type ParsedBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false }

const MAX_BODY = 1_000_000

/** Reads the whole request body (up to 1 MB) as UTF-8. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_BODY) throw new Error('request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses a body by its content type: form encoding, else JSON; an empty body is `{}`. */
export function parseBody(text: string, contentType: string | undefined): ParsedBody {
  if (text.trim() === '') return { ok: true, value: {} }
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) {
    return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) }
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

/** Writes a reply: JSON unless it has text or no body. */
export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return
  const headers: Record<string, string> = { ...reply.headers }
  let payload = ''
  if (reply.text !== undefined) {
    payload = reply.text
    headers['Content-Type'] ??= 'text/plain; charset=utf-8'
  } else if (reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
    payload = JSON.stringify(reply.body)
    headers['Content-Type'] ??= 'application/json; charset=utf-8'
  }
  if (reply.status !== 204 && reply.status !== 304) {
    headers['Content-Length'] = String(Buffer.byteLength(payload))
  }
  res.writeHead(reply.status, headers)
  res.end(reply.status === 204 || reply.status === 304 ? undefined : payload)
}

/** A plain object or null: request bodies are `unknown` until checked. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/** Resolves after `ms` (0: at once). */
export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}
