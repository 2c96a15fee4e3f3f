// The malformed inputs of the fuzz suite, generated from a seed: raw HTTP requests, WebSocket
// upgrades, WebSocket frames, and contract calls mutated from samples of each method's schema.
import { methodNames, methods } from '../../common/contract'
import { clientFrame, upgradeRequest } from './raw-client'
import { sample } from './schema-sample'

type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length)
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}

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

/** One WebSocket frame case: the frames sent after a good handshake, and what it is. */
export interface FrameCase {
  readonly kind: string
  readonly frames: Buffer
  readonly halfClose: boolean
}

const TEXT = 0x1
const BINARY = 0x2
const CONTINUATION = 0x0
const CLOSE = 0x8
const PING = 0x9

function closePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason))
  payload.writeUInt16BE(code, 0)
  payload.write(reason, 2)
  return payload
}

/** Frames that break RFC 6455 or the host's framing, and a few that are fine. */
export function frameCases(random: Random, count: number): FrameCase[] {
  const invalidUtf8 = [
    Buffer.from([0xff]),
    Buffer.from([0xc3, 0x28]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  ]
  const makers: Array<[string, () => Buffer, boolean]> = [
    [
      'invalid-utf8',
      () =>
        clientFrame({
          opcode: TEXT,
          payload: Buffer.concat([Buffer.from('{"type":"call"'), pick(random, invalidUtf8)]),
        }),
      false,
    ],
    [
      'binary',
      () =>
        clientFrame({
          opcode: BINARY,
          payload: randomBytes(random, 1 + Math.floor(random() * 64)),
        }),
      false,
    ],
    [
      'oversized',
      () =>
        clientFrame({
          opcode: TEXT,
          payload: Buffer.alloc(0),
          declaredLength: pick(random, [300 * 1024, 2 ** 31, 2 ** 40]),
        }),
      false,
    ],
    [
      'orphan-continuation',
      () => clientFrame({ opcode: CONTINUATION, payload: Buffer.from('x') }),
      false,
    ],
    [
      'fragmented-garbage',
      () =>
        Buffer.concat([
          clientFrame({ opcode: TEXT, fin: false, payload: Buffer.from('{"ty') }),
          clientFrame({ opcode: CONTINUATION, payload: pick(random, invalidUtf8) }),
        ]),
      false,
    ],
    [
      'text-inside-fragments',
      () =>
        Buffer.concat([
          clientFrame({ opcode: TEXT, fin: false, payload: Buffer.from('{') }),
          clientFrame({ opcode: TEXT, payload: Buffer.from('}') }),
        ]),
      false,
    ],
    [
      'unmasked',
      () => clientFrame({ opcode: TEXT, payload: Buffer.from('{}'), mask: false }),
      false,
    ],
    [
      'reserved-bits',
      () =>
        clientFrame({
          opcode: TEXT,
          payload: Buffer.from('{}'),
          rsv: 1 + Math.floor(random() * 7),
        }),
      false,
    ],
    [
      'reserved-opcode',
      () =>
        clientFrame({
          opcode: pick(random, [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]),
          payload: Buffer.from('x'),
        }),
      false,
    ],
    ['long-control', () => clientFrame({ opcode: PING, payload: Buffer.alloc(200, 0x61) }), false],
    [
      'fragmented-control',
      () => clientFrame({ opcode: PING, fin: false, payload: Buffer.from('p') }),
      false,
    ],
    [
      'bad-close-code',
      () =>
        clientFrame({
          opcode: CLOSE,
          payload: closePayload(pick(random, [0, 999, 1004, 1005, 1006, 1015, 2999, 5000])),
        }),
      false,
    ],
    ['close-one-byte', () => clientFrame({ opcode: CLOSE, payload: Buffer.from([0x03]) }), false],
    [
      'close-bad-reason',
      () =>
        clientFrame({
          opcode: CLOSE,
          payload: Buffer.concat([closePayload(1000), pick(random, invalidUtf8)]),
        }),
      false,
    ],
    [
      'close-normal',
      () => clientFrame({ opcode: CLOSE, payload: closePayload(1000, 'bye') }),
      false,
    ],
    ['ping', () => clientFrame({ opcode: PING, payload: Buffer.from('are you there') }), false],
    [
      'truncated-frame',
      () =>
        clientFrame({ opcode: TEXT, payload: Buffer.from('{"type":"call","id":1}') }).subarray(
          0,
          1 + Math.floor(random() * 20),
        ),
      true,
    ],
    ['random-bytes', () => randomBytes(random, 1 + Math.floor(random() * 200)), true],
  ]
  const cases: FrameCase[] = []
  for (let n = 0; n < count; n++) {
    const [kind, make, halfClose] = makers[n % makers.length]!
    cases.push({ kind, frames: make(), halfClose })
  }
  return cases
}

const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  true,
  '',
  'x',
  'x'.repeat(70_000),
  [],
  {},
  [[[[[[[[[[]]]]]]]]]],
  { __proto__: { polluted: true } },
  '\u0000',
  '\ud800',
  '🙂'.repeat(100),
  Number.MAX_SAFE_INTEGER + 2,
]
const WRONG_METHODS = [
  '',
  'nope',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'GETSTATE',
  'getState ',
  ' getState',
  'getState\u0000',
  'm'.repeat(64),
  'm'.repeat(65),
  'setdesired',
  'dispatch',
  'then',
]

type Json = unknown

function paths(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [i, v] as const)
      : Object.entries(value)
    return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))]
  }
  return [at]
}

function setAt(value: Json, at: Array<string | number>, by: Json): Json {
  if (at.length === 0) return by
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    Json
  >
  copy[at[0]!] = setAt(copy[at[0]!], at.slice(1), by)
  return copy
}

function deleteAt(value: Json, at: Array<string | number>): Json {
  if (at.length === 0 || value === null || typeof value !== 'object') return value
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    Json
  >
  if (at.length === 1) delete copy[at[0]!]
  else copy[at[0]!] = deleteAt(copy[at[0]!], at.slice(1))
  return copy
}

/** A contract call: method (maybe not one) and input (sampled from its schema, then mutated). */
export interface CallCase {
  readonly kind: string
  readonly method: unknown
  readonly input: unknown
}

/** Calls generated from each method's input schema and mutated: wrong types, keys, methods. */
export function callCases(random: Random, count: number): CallCase[] {
  const cases: CallCase[] = []
  for (let n = 0; n < count; n++) {
    const method = pick(random, methodNames)
    const seed = sample(methods[method].input, random)
    const choice = random()
    if (choice < 0.1) {
      cases.push({ kind: 'valid', method, input: seed })
    } else if (choice < 0.2) {
      cases.push({
        kind: 'wrong-method',
        method: pick(random, [...WRONG_METHODS, 42, null, ['getState'], { m: 1 }]),
        input: seed,
      })
    } else if (choice < 0.3) {
      cases.push({ kind: 'wrong-input-type', method, input: pick(random, WRONG_VALUES) })
    } else if (choice < 0.6) {
      const at = pick(random, paths(seed))
      cases.push({
        kind: 'wrong-field-type',
        method,
        input: setAt(seed, at, pick(random, WRONG_VALUES)),
      })
    } else if (choice < 0.75) {
      const at = pick(random, paths(seed))
      cases.push({ kind: 'missing-field', method, input: deleteAt(seed, at) })
    } else if (choice < 0.9) {
      const at = pick(
        random,
        paths(seed).filter((p) => {
          const v = p.reduce<Json>((o, k) => (o as Record<string | number, Json>)?.[k], seed)
          return v !== null && typeof v === 'object' && !Array.isArray(v)
        }),
      )
      cases.push({
        kind: 'extra-field',
        method,
        input: setAt(
          seed,
          [...(at ?? []), pick(random, ['extra', '__proto__', 'constructor', 'x'.repeat(100)])],
          pick(random, WRONG_VALUES),
        ),
      })
    } else {
      const other = pick(random, methodNames)
      cases.push({
        kind: 'other-methods-input',
        method,
        input: sample(methods[other].input, random),
      })
    }
  }
  return cases
}

/** Text frames that are not calls at all: wrong JSON, wrong frame shapes, wrong ids. */
export function frameJsonCases(
  random: Random,
  count: number,
): Array<{ kind: string; text: string }> {
  const texts: Array<[string, () => string]> = [
    [
      'not-json',
      () =>
        pick(random, [
          'not json',
          '{',
          '{"type":"call",}',
          "{'a':1}",
          'NaN',
          '',
          ' ',
          '[1,2',
          '\u0000',
        ]),
    ],
    ['deep-json', () => '['.repeat(100_000) + ']'.repeat(100_000)],
    [
      'wrong-shape',
      () =>
        JSON.stringify(
          pick(random, [
            null,
            1,
            'call',
            [],
            {},
            { type: 'call' },
            { type: 'result', id: 1 },
            { type: 'call', id: 1 },
            { id: 1, method: 'getState' },
          ]),
        ),
    ],
    [
      'wrong-id',
      () =>
        JSON.stringify({
          type: 'call',
          id: pick(random, [-1, 1.5, '1', null, 2 ** 60, {}]),
          method: 'getState',
          input: {},
        }),
    ],
    [
      'wrong-method-type',
      () =>
        JSON.stringify({
          type: 'call',
          id: 1,
          method: pick(random, [1, null, {}, [], 'm'.repeat(65)]),
          input: {},
        }),
    ],
  ]
  return Array.from({ length: count }, (_, n) => {
    const [kind, make] = texts[n % texts.length]!
    return { kind, text: make() }
  })
}
