// The fuzz suite's malformed WebSocket frames (opcodes, lengths, masks, fragments), from a seed.
import { clientFrame } from './raw-client'
import { pick, randomBytes, type Random } from './fuzz-random'

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
