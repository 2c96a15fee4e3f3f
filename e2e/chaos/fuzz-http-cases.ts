// The fuzz suite's malformed HTTP requests and WebSocket upgrades, generated from a seed.
import { upgradeRequest } from './raw-client'
import { pick, randomBytes, type Random } from './fuzz-random'

/** One raw HTTP case: the bytes, and whether to end the writing side after them. */
export interface HttpCase {
  readonly kind: string
  readonly bytes: Buffer
  readonly halfClose: boolean
}

/** Malformed (and some well-formed) HTTP requests for a host listening on `port`. */
export function httpCases(random: Random, count: number, port: number, token: string): HttpCase[] {
  const host = `127.0.0.1:${port}`
  const methodsList = [
    'GET',
    'HEAD',
    'POST',
    'PUT',
    'DELETE',
    'OPTIONS',
    'CONNECT',
    'TRACE',
    'PROPFIND',
    'get',
    'G ET',
    'GE\u0000T',
    'FOO',
    '',
    'A'.repeat(200),
    'GÉT',
    'GET\t',
  ]
  const targets = [
    '/',
    `/?token=${token}`,
    '/index.html',
    'http://[',
    'http://[::1',
    'http://evil.example/',
    '*',
    '',
    ' ',
    '/%',
    '/%zz',
    '/..%2f..%2fetc/passwd',
    '//evil.example',
    '/?token=%',
    `/?token=${token}%00`,
    '/\u007f',
    'javascript:alert(1)',
    '/' + 'a'.repeat(20_000),
    `/rpc?token=${token}`,
    '/assets/../../x',
    '/?token=' + 'A'.repeat(5000),
  ]
  const versions = [
    'HTTP/1.1',
    'HTTP/1.0',
    'HTTP/9.9',
    'HTTP/1',
    'HTTPS/1.1',
    '',
    'HTTP/1.1 extra',
    'http/1.1',
  ]
  const hosts = [
    host,
    `localhost:${port}`,
    `[::1]:${port}`,
    'evil.example',
    '',
    '127.0.0.1:1',
    `${host} `,
    'x'.repeat(5000),
    'h\u00e9st',
    `${host}, evil`,
  ]
  const origins = [
    null,
    `http://${host}`,
    'null',
    'http://evil.example',
    'http://[',
    'garbage',
    `https://${host}`,
  ]
  const cookies = [
    null,
    `runnerdock_access=${token}`,
    'runnerdock_access=wrong',
    'runnerdock_access',
    '=;=;;',
    'a='.repeat(4000),
    `x=1; runnerdock_access=${token}x`,
  ]
  const extras = [
    '',
    `X-Big: ${'a'.repeat(20_000)}\r\n`,
    'Bad Header: x\r\n',
    'X-Nul: a\u0000b\r\n',
    ' folded: continuation\r\n',
    'Content-Length: -1\r\n',
    'Content-Length: 5\r\nContent-Length: 6\r\n',
    'Transfer-Encoding: chunked\r\nContent-Length: 3\r\n',
    'Transfer-Encoding: chunked\r\n',
    'Content-Length: 99999999999999999999\r\n',
    Array.from({ length: 300 }, (_, i) => `X-H${i}: v`).join('\r\n') + '\r\n',
    'Expect: 100-continue\r\n',
    'Connection: upgrade\r\nUpgrade: h2c\r\n',
  ]
  const bodies = ['', 'zz\r\n', '5\r\nhello\r\n0\r\n\r\n', 'garbage-body']
  const cases: HttpCase[] = []
  for (let n = 0; n < count; n++) {
    const shape = random()
    if (shape < 0.08) {
      cases.push({
        kind: 'random-bytes',
        bytes: randomBytes(random, 1 + Math.floor(random() * 300)),
        halfClose: true,
      })
      continue
    }
    const method = pick(random, methodsList)
    const target = pick(random, targets)
    const version = pick(random, versions)
    const lines = [`${method} ${target} ${version}`]
    const hostHeader = pick(random, hosts)
    if (random() > 0.05) lines.push(`Host: ${hostHeader}`)
    const origin = pick(random, origins)
    if (origin !== null) lines.push(`Origin: ${origin}`)
    const cookie = pick(random, cookies)
    if (cookie !== null) lines.push(`Cookie: ${cookie}`)
    const request = `${lines.join('\r\n')}\r\n${pick(random, extras)}\r\n${pick(random, bodies)}`
    let bytes = Buffer.from(request, 'latin1')
    let kind = 'request'
    if (shape < 0.25) {
      bytes = bytes.subarray(0, 1 + Math.floor(random() * (bytes.length - 1)))
      kind = 'truncated'
    }
    cases.push({ kind, bytes, halfClose: kind === 'truncated' || random() < 0.3 })
  }
  return cases
}

/** WebSocket upgrade requests with one thing (or a few) wrong. */
export function upgradeCases(
  random: Random,
  count: number,
  port: number,
  token: string,
): HttpCase[] {
  const mutations: Array<(r: string) => string> = [
    (r) => r.replace(`?token=${token}`, ''),
    (r) => r.replace(`?token=${token}`, '?token=wrong'),
    (r) => r.replace('/rpc', '/other'),
    (r) => r.replace(/Origin: [^\r]*\r\n/, ''),
    (r) => r.replace(/Origin: [^\r]*/, 'Origin: http://evil.example'),
    (r) => r.replace(/Origin: [^\r]*/, 'Origin: null'),
    (r) => r.replace(/Sec-WebSocket-Key: [^\r]*/, 'Sec-WebSocket-Key: short'),
    (r) => r.replace(/Sec-WebSocket-Key: [^\r]*\r\n/, ''),
    (r) => r.replace('Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: 8'),
    (r) => r.replace('Sec-WebSocket-Version: 13', 'Sec-WebSocket-Version: x'),
    (r) => r.replace('Upgrade: websocket', 'Upgrade: websockets'),
    (r) => r.replace('Connection: Upgrade', 'Connection: keep-alive'),
    (r) => r.replace(/^GET/, 'POST'),
    (r) => r.replace(/Host: [^\r]*/, 'Host: evil.example'),
    (r) =>
      r.replace(
        '\r\n\r\n',
        '\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=99; garbage\r\n\r\n',
      ),
    (r) => r.replace('\r\n\r\n', '\r\nSec-WebSocket-Protocol: a, , b,,\r\n\r\n'),
    (r) => r.replace(`/rpc?token=${token}`, 'http://[/rpc'),
    (r) => r.replace(`/rpc?token=${token}`, `//rpc?token=${token}`),
    (r) => r + 'trailing-bytes-after-the-handshake',
    (r) => r.slice(0, Math.floor(r.length / 2)),
  ]
  const cases: HttpCase[] = []
  for (let n = 0; n < count; n++) {
    let request = upgradeRequest(port, `/rpc?token=${token}`)
    const times = 1 + Math.floor(random() * 3)
    for (let i = 0; i < times; i++) request = pick(random, mutations)(request)
    cases.push({
      kind: 'upgrade',
      bytes: Buffer.from(request, 'latin1'),
      halfClose: request.length < 100 || !request.includes('\r\n\r\n'),
    })
  }
  return cases
}
