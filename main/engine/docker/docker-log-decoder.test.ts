import { describe, expect, it } from 'vitest'
import { LINE_CUT_MARK } from '../logs/line-cut'
import { DockerLogDecoder, parseDockerTimestamp, utf8Boundary } from './docker-log-decoder'
import type { ContainerLogLine } from './docker-port'

const T0 = '2024-05-01T12:00:00.123456789Z'
const T0_MS = Date.UTC(2024, 4, 1, 12, 0, 0, 123)
const T1 = '2024-05-01T12:00:01.5Z'
const T1_MS = Date.UTC(2024, 4, 1, 12, 0, 1, 500)

/** One multiplexed frame as moby pkg/stdcopy writes it. */
function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload
  const header = Buffer.alloc(8)
  header[0] = stream
  header.writeUInt32BE(body.length, 4)
  return Buffer.concat([header, body])
}

function decode(chunks: Buffer[], now = () => 0, maxLineBytes?: number): ContainerLogLine[] {
  const lines: ContainerLogLine[] = []
  const decoder = new DockerLogDecoder((line) => lines.push(line), now, maxLineBytes)
  for (const chunk of chunks) decoder.push(chunk)
  decoder.end()
  return lines
}

/** Every way of cutting `data` into two or three chunks. */
function* splits(data: Buffer): Generator<Buffer[]> {
  yield [data]
  for (let i = 1; i < data.length; i++) {
    yield [data.subarray(0, i), data.subarray(i)]
    const j = Math.min(data.length - 1, i + 7)
    if (j > i) yield [data.subarray(0, i), data.subarray(i, j), data.subarray(j)]
  }
}

describe('parseDockerTimestamp', () => {
  it('reads RFC3339Nano into epoch ms', () => {
    expect(parseDockerTimestamp(T0)).toBe(T0_MS)
    expect(parseDockerTimestamp(T1)).toBe(T1_MS)
    expect(parseDockerTimestamp('2024-05-01T12:00:00Z')).toBe(Date.UTC(2024, 4, 1, 12))
    expect(parseDockerTimestamp('2024-05-01T14:00:00.250+02:00')).toBe(
      Date.UTC(2024, 4, 1, 12, 0, 0, 250),
    )
    expect(parseDockerTimestamp('2024-05-01T07:30:00.000000000-04:30')).toBe(
      Date.UTC(2024, 4, 1, 12),
    )
    expect(parseDockerTimestamp('2024-05-01T12:00:00.999999999Z')).toBe(
      Date.UTC(2024, 4, 1, 12, 0, 0, 999),
    )
  })

  it('answers NaN for anything else', () => {
    for (const text of [
      '',
      'hello world',
      '2024-05-01 12:00:00Z',
      '2024-05-01T12:00:00',
      '2024-0x-01T12:00:00Z',
    ]) {
      expect(parseDockerTimestamp(text)).toBeNaN()
    }
  })
})

describe('DockerLogDecoder', () => {
  const sample = Buffer.concat([
    frame(1, `${T0} first line\n`),
    frame(2, `${T0} \u001b[31mred error\u001b[0m\n`),
    frame(1, `${T1} windows line\r\n`),
    frame(1, `${T1} ünïcödé ✓\n`),
    frame(2, `${T1} \n`),
  ])
  const expected: ContainerLogLine[] = [
    { stream: 'stdout', time: T0_MS, text: 'first line' },
    { stream: 'stderr', time: T0_MS, text: '\u001b[31mred error\u001b[0m' },
    { stream: 'stdout', time: T1_MS, text: 'windows line' },
    { stream: 'stdout', time: T1_MS, text: 'ünïcödé ✓' },
    { stream: 'stderr', time: T1_MS, text: '' },
  ]

  it('demultiplexes, strips timestamps and a trailing \\r, keeps ANSI colours', () => {
    expect(decode([sample])).toEqual(expected)
  })

  it('gives the same lines wherever the chunks are cut (headers, timestamps, UTF-8 included)', () => {
    for (const chunks of splits(sample)) expect(decode(chunks)).toEqual(expected)
  })

  it('joins a long line Docker split into partial messages, each with its own timestamp', () => {
    const long = 'x'.repeat(16 * 1024) + 'y'.repeat(100)
    const data = Buffer.concat([
      frame(1, `${T0} ${long.slice(0, 16 * 1024)}`),
      frame(2, `${T0} interleaved stderr\n`),
      frame(1, `${T1} ${long.slice(16 * 1024)}\n`),
    ])
    const lines = decode([data.subarray(0, 5000), data.subarray(5000)])
    expect(lines).toEqual([
      { stream: 'stderr', time: T0_MS, text: 'interleaved stderr' },
      { stream: 'stdout', time: T0_MS, text: long },
    ])
  })

  it('joins a multi-byte character split between partial messages', () => {
    const euro = Buffer.from('€')
    const data = Buffer.concat([
      frame(1, Buffer.concat([Buffer.from(`${T0} price `), euro.subarray(0, 1)])),
      frame(1, Buffer.concat([Buffer.from(`${T1} `), euro.subarray(1), Buffer.from('5\n')])),
    ])
    expect(decode([data])).toEqual([{ stream: 'stdout', time: T0_MS, text: 'price €5' }])
  })

  it('flushes a last line without a newline, and a frame cut short, at the end', () => {
    const cut = frame(1, `${T0} cut short here\n`)
    expect(decode([frame(1, `${T0} no newline`)])).toEqual([
      { stream: 'stdout', time: T0_MS, text: 'no newline' },
    ])
    expect(decode([cut.subarray(0, cut.length - 6)])).toEqual([
      { stream: 'stdout', time: T0_MS, text: 'cut short' },
    ])
  })

  it('splits several lines inside one frame and skips empty frames', () => {
    const data = Buffer.concat([frame(1, ''), frame(1, `${T0} a\nb\nc`), frame(1, `${T1} d\n`)])
    expect(decode([data]).map((l) => [l.text, l.time])).toEqual([
      ['a', T0_MS],
      ['b', T0_MS],
      ['cd', T0_MS],
    ])
  })

  it('uses the clock for a line without a timestamp', () => {
    expect(decode([frame(1, 'no timestamp here\n')], () => 7)).toEqual([
      { stream: 'stdout', time: 7, text: 'no timestamp here' },
    ])
  })

  it('reads the raw form a TTY container sends (no frames)', () => {
    const raw = Buffer.from(`${T0} tty one\r\n${T1} tty two\r\n${T1} tail`)
    for (const chunks of splits(raw)) {
      expect(decode(chunks)).toEqual([
        { stream: 'stdout', time: T0_MS, text: 'tty one' },
        { stream: 'stdout', time: T1_MS, text: 'tty two' },
        { stream: 'stdout', time: T1_MS, text: 'tail' },
      ])
    }
  })

  it('keeps up with 200k lines per second and more', () => {
    const count = 200_000
    const frames: Buffer[] = []
    for (let i = 0; i < count; i++) {
      const stream = i % 5 === 0 ? 2 : 1
      frames.push(
        frame(
          stream,
          `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(9, '0')}Z \u001b[32mline ${i}\u001b[0m of the runner log, with some text\n`,
        ),
      )
    }
    const all = Buffer.concat(frames)
    const chunks: Buffer[] = []
    for (let i = 0; i < all.length; i += 65_536) chunks.push(all.subarray(i, i + 65_536))
    let seen = 0
    let last = ''
    const decoder = new DockerLogDecoder((line) => {
      seen++
      last = line.text
    })
    const started = performance.now()
    for (const chunk of chunks) decoder.push(chunk)
    decoder.end()
    const elapsed = performance.now() - started
    expect(seen).toBe(count)
    expect(last).toBe(`\u001b[32mline ${count - 1}\u001b[0m of the runner log, with some text`)
    // Typically ~150 ms here; the bound leaves room for a slow CI machine.
    expect(elapsed).toBeLessThan(1000)
  })
})

describe('DockerLogDecoder line cap', () => {
  const CAP = 1024

  it('cuts a line past the cap as soon as it passes, skips its rest and goes on', () => {
    const lines: ContainerLogLine[] = []
    const decoder = new DockerLogDecoder(
      (line) => lines.push(line),
      () => 0,
      CAP,
    )
    // Docker's partial messages: 16 KiB frames, each with its own timestamp, no newline.
    for (let i = 0; i < 64; i++)
      decoder.push(frame(1, `${i === 0 ? T0 : T1} ${'x'.repeat(16_384)}`))
    expect(lines).toEqual([
      { stream: 'stdout', time: T0_MS, text: 'x'.repeat(CAP) + LINE_CUT_MARK },
    ])
    expect(decoder.heldBytes).toBe(0)
    decoder.push(frame(1, `${T1} tail of the long line\nnext line\n`))
    decoder.push(frame(2, `${T1} stderr line\n`))
    decoder.end()
    expect(lines.slice(1)).toEqual([
      { stream: 'stdout', time: T1_MS, text: 'next line' },
      { stream: 'stderr', time: T1_MS, text: 'stderr line' },
    ])
  })

  it('never holds more than the cap, however the bytes are framed and chunked', () => {
    const lines: ContainerLogLine[] = []
    const decoder = new DockerLogDecoder(
      (line) => lines.push(line),
      () => 0,
      CAP,
    )
    // One frame that claims 8 MiB, fed in 4 KiB chunks: its bytes must not wait for its end.
    const header = Buffer.alloc(8)
    header[0] = 1
    header.writeUInt32BE(8 * 1024 * 1024, 4)
    decoder.push(Buffer.concat([header, Buffer.from(`${T0} `)]))
    let held = 0
    const chunk = Buffer.alloc(4096, 0x79)
    for (let i = 0; i < 2048; i++) {
      decoder.push(chunk)
      held = Math.max(held, decoder.heldBytes)
    }
    expect(held).toBeLessThanOrEqual(CAP)
    expect(lines.map((l) => l.text)).toEqual(['y'.repeat(CAP) + LINE_CUT_MARK])
  })

  it('cuts a complete line longer than the cap, and keeps a line of exactly the cap', () => {
    expect(
      decode([frame(1, `${T0} ${'a'.repeat(CAP)}\n${'b'.repeat(CAP + 1)}\nc\n`)], () => 0, CAP),
    ).toEqual([
      { stream: 'stdout', time: T0_MS, text: 'a'.repeat(CAP) },
      { stream: 'stdout', time: T0_MS, text: 'b'.repeat(CAP) + LINE_CUT_MARK },
      { stream: 'stdout', time: T0_MS, text: 'c' },
    ])
  })

  it('cuts the raw (TTY) form too', () => {
    const raw = Buffer.from(`${T0} ${'z'.repeat(5000)}\r\n${T1} after\r\n`)
    for (const chunks of [[raw], [raw.subarray(0, 700), raw.subarray(700)]]) {
      expect(decode(chunks, () => 0, CAP)).toEqual([
        { stream: 'stdout', time: T0_MS, text: 'z'.repeat(CAP - T0.length - 1) + LINE_CUT_MARK },
        { stream: 'stdout', time: T1_MS, text: 'after' },
      ])
    }
  })

  it('never cuts inside a UTF-8 character', () => {
    const euro = Buffer.from('€') // 3 bytes
    const body = Buffer.concat([Buffer.from('a'.repeat(CAP - 1)), euro, Buffer.from('\n')])
    const [line] = decode([frame(1, Buffer.concat([Buffer.from(`${T0} `), body]))], () => 0, CAP)
    expect(line!.text).toBe('a'.repeat(CAP - 1) + LINE_CUT_MARK)
    expect(utf8Boundary(Buffer.from('ab€'), 5)).toBe(5)
    expect(utf8Boundary(Buffer.from('ab€'), 4)).toBe(2)
    expect(utf8Boundary(Buffer.from('ab€'), 3)).toBe(2)
    expect(utf8Boundary(Buffer.from('ab'), 2)).toBe(2)
  })
})
