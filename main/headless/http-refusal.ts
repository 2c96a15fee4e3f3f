import { STATUS_CODES } from 'node:http'

/**
 * The status for a request Node's HTTP parser refused (`clientError`): too large headers are 431,
 * a request that took too long is 408, anything else malformed is 400. Mirrors Node's own default,
 * which is lost once a `clientError` listener exists.
 */
export function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408
  return 400
}

/**
 * A whole HTTP/1.1 response as raw text, for sockets no `ServerResponse` owns (parser errors,
 * refused upgrades): status, a plain-text reason, and `connection: close`.
 */
export function refusalText(status: number, reason: string): string {
  const body = `${reason}\n`
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}`,
    'content-type: text/plain; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'x-content-type-options: nosniff',
    'cache-control: no-store',
    'connection: close',
    '',
    body,
  ].join('\r\n')
}
