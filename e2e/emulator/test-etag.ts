// The conditional-request check every GET route's spec makes: a repeat with `If-None-Match`
// answers 304 with no body and costs no primary rate limit (docs/github-facts.md).
import { expect } from 'vitest'
import type { HttpAnswer, RequestOptions, Requester } from './test-http'

/** GETs `path`, repeats it with the ETag; expects a free 304. Returns the first answer. */
export async function expectFreeNotModified(
  api: Requester,
  path: string,
  options: RequestOptions = {},
): Promise<HttpAnswer> {
  const first = await api('GET', path, options)
  expect(first.status, `GET ${path}`).toBe(200)
  const etag = first.headers.get('etag')
  expect(etag).toMatch(/^W\/".+"$/)
  const remaining = Number(first.headers.get('x-ratelimit-remaining'))
  const headers = { ...options.headers, 'If-None-Match': etag! }
  const again = await api('GET', path, { ...options, headers })
  expect(again.status, `conditional GET ${path}`).toBe(304)
  expect(again.text).toBe('')
  expect(again.headers.get('etag')).toBe(etag)
  expect(Number(again.headers.get('x-ratelimit-remaining'))).toBe(remaining)
  return first
}

/** The ETag `path` answers with now. */
export async function etagOf(api: Requester, path: string): Promise<string> {
  const answer = await api('GET', path)
  expect(answer.status, `GET ${path}`).toBe(200)
  return answer.headers.get('etag') ?? ''
}
