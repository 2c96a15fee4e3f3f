import { LINE_CUT_MARK } from '../logs/line-cut'
import type { ContainerLogLine } from './docker-port'

type StreamName = ContainerLogLine['stream']

interface PendingLine {
  time: number
  parts: Buffer[]
  bytes: number
}

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const SPACE = 0x20
const HEADER_BYTES = 8
// "2006-01-02T15:04:05.000000000-07:00" is the longest RFC3339Nano form Docker writes.
const MAX_TIMESTAMP_BYTES = 40

/**
 * The longest line the decoder assembles, in bytes. Four times the log store's line length, so
 * the store still sees (and redacts) more than it keeps; a line longer than this is cut.
 */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024

/**
 * Turns the byte stream of `GET /containers/{id}/logs?follow&timestamps` into lines, in one pass.
 *
 * Docker multiplexes stdout and stderr into frames (8-byte header: stream, 0, 0, 0, size u32 BE;
 * moby `pkg/stdcopy`), one frame per log message, each starting with "<RFC3339Nano> ". A line longer
 * than 16 KiB arrives as several frames, each with its own timestamp, and only the last ends in
 * "\n" (moby `daemon/logger` partial messages), so lines are assembled per stream across frames
 * and chunks. Written for very high line rates: no per-line regex, no string concatenation, no
 * re-copying of the unread buffer (dockerode's `demuxStream` copies the rest of the buffer for
 * every frame, which is quadratic in the frames per chunk). A container started with a TTY sends
 * no frames; that raw form is detected from the first header and split on newlines instead.
 *
 * Memory is bounded whatever the container writes: a frame's bytes go to the line they belong to
 * as they arrive (only a frame's first bytes wait, for its timestamp), and a line that grows past
 * `maxLineBytes` without a newline is emitted at once, cut, ending in LINE_CUT_MARK; the rest of
 * that line is skipped up to its newline, and decoding goes on.
 */
export class DockerLogDecoder {
  private readonly header = Buffer.alloc(HEADER_BYTES)
  private headerFill = 0
  private frameStream: StreamName = 'stdout'
  private frameLeft = 0
  // The first bytes of a frame split across chunks, kept only until its timestamp is read.
  private frameHead: Buffer[] = []
  private frameHeadBytes = 0
  private frameTime: number | null = null
  private raw = false
  private readonly pending: Record<StreamName, PendingLine | null> = { stdout: null, stderr: null }
  private readonly skipping: Record<StreamName, boolean> = { stdout: false, stderr: false }

  constructor(
    private readonly onLine: (line: ContainerLogLine) => void,
    /** Time for a line without a parsable timestamp (only if Docker ever sends one). */
    private readonly now: () => number = Date.now,
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
  ) {}

  /** Feeds the next chunk exactly as it came off the socket. */
  push(chunk: Buffer): void {
    if (this.raw) return this.lineData('stdout', Number.NaN, chunk, 0, chunk.length)
    const size = chunk.length
    let pos = 0
    while (pos < size) {
      if (this.frameLeft > 0) {
        const take = Math.min(this.frameLeft, size - pos)
        this.frameBody(chunk, pos, pos + take)
        this.frameLeft -= take
        pos += take
        if (this.frameLeft === 0) this.frameDone()
        continue
      }
      let type: number
      let length: number
      if (this.headerFill === 0 && size - pos >= HEADER_BYTES) {
        if (!isFrameHeader(chunk, pos)) return this.startRaw(chunk, pos)
        type = chunk[pos]!
        length = chunk.readUInt32BE(pos + 4)
        pos += HEADER_BYTES
      } else {
        const take = Math.min(HEADER_BYTES - this.headerFill, size - pos)
        chunk.copy(this.header, this.headerFill, pos, pos + take)
        this.headerFill += take
        pos += take
        if (this.headerFill < HEADER_BYTES) return
        this.headerFill = 0
        if (!isFrameHeader(this.header, 0)) {
          this.startRaw(Buffer.from(this.header), 0)
          return this.lineData('stdout', Number.NaN, chunk, pos, size)
        }
        type = this.header[0]!
        length = this.header.readUInt32BE(4)
      }
      const stream: StreamName = type === 2 ? 'stderr' : 'stdout'
      if (length === 0) continue
      if (size - pos >= length) {
        this.onFrame(stream, chunk, pos, pos + length)
        pos += length
      } else {
        this.frameStream = stream
        this.frameLeft = length
        this.frameTime = null
      }
    }
  }

  /** Bytes held for lines and frames not yet complete: never more than the cap per stream. */
  get heldBytes(): number {
    return (
      this.frameHeadBytes + (this.pending.stdout?.bytes ?? 0) + (this.pending.stderr?.bytes ?? 0)
    )
  }

  /** The stream ended: emits what is left (a frame cut short, a last line without "\n"). */
  end(): void {
    if (this.frameLeft > 0) {
      this.frameLeft = 0
      this.frameDone()
    }
    this.flush('stdout')
    this.flush('stderr')
  }

  // Bytes of the current frame that arrived in a later chunk than its header.
  private frameBody(buf: Buffer, start: number, end: number): void {
    if (this.frameTime !== null)
      return this.lineData(this.frameStream, this.frameTime, buf, start, end)
    this.frameHead.push(Buffer.from(buf.subarray(start, end)))
    this.frameHeadBytes += end - start
    const head = this.joinHead()
    const space = head.indexOf(SPACE)
    // Wait while the timestamp may still be arriving.
    if (space === -1 && head.length < MAX_TIMESTAMP_BYTES) return
    this.frameHead = []
    this.frameHeadBytes = 0
    this.frameTime = this.onFrame(this.frameStream, head, 0, head.length)
  }

  // The current frame is complete (or the stream ended inside it).
  private frameDone(): void {
    if (this.frameTime === null && this.frameHeadBytes > 0) {
      const head = this.joinHead()
      this.onFrame(this.frameStream, head, 0, head.length)
    }
    this.frameHead = []
    this.frameHeadBytes = 0
    this.frameTime = null
  }

  private joinHead(): Buffer {
    return this.frameHead.length === 1 ? this.frameHead[0]! : Buffer.concat(this.frameHead)
  }

  // A frame's bytes from its start: reads the timestamp, hands the rest to its line; returns the
  // frame's time.
  private onFrame(stream: StreamName, buf: Buffer, start: number, end: number): number {
    let time = Number.NaN
    let pos = start
    const limit = Math.min(end, start + MAX_TIMESTAMP_BYTES)
    for (let i = start; i < limit; i++) {
      if (buf[i] === SPACE) {
        time = parseDockerTimestampBytes(buf, start, i)
        if (!Number.isNaN(time)) pos = i + 1
        break
      }
    }
    if (Number.isNaN(time)) time = this.now()
    this.lineData(stream, time, buf, pos, end)
    return time
  }

  // Line content of one stream: splits on newlines, joins with what came before, caps the length.
  // `time` is NaN in raw (TTY) form, where each line starts with its own timestamp.
  private lineData(stream: StreamName, time: number, buf: Buffer, start: number, end: number) {
    let pos = start
    while (pos < end) {
      let nl = buf.indexOf(NEWLINE, pos)
      if (nl >= end) nl = -1
      if (this.skipping[stream]) {
        if (nl === -1) return
        this.skipping[stream] = false
        pos = nl + 1
        continue
      }
      if (nl === -1) return this.hold(stream, time, buf, pos, end)
      const pending = this.pending[stream]
      if (pending === null && nl - pos <= this.maxLineBytes) this.emit(stream, time, buf, pos, nl)
      else this.complete(stream, time, buf, pos, nl)
      pos = nl + 1
    }
  }

  // The end of a line that began earlier, or a whole line longer than the cap.
  private complete(stream: StreamName, time: number, buf: Buffer, start: number, end: number) {
    const pending = this.pending[stream]
    this.pending[stream] = null
    const have = pending?.bytes ?? 0
    if (have + end - start > this.maxLineBytes) {
      const take = this.maxLineBytes - have
      const parts = [...(pending?.parts ?? []), buf.subarray(start, start + take)]
      return this.emitCut(stream, pending?.time ?? time, Buffer.concat(parts))
    }
    if (!pending) return this.emit(stream, time, buf, start, end)
    pending.parts.push(buf.subarray(start, end))
    const whole = Buffer.concat(pending.parts)
    this.emit(stream, pending.time, whole, 0, whole.length)
  }

  // Part of a line whose newline has not arrived: kept up to the cap, cut beyond it.
  private hold(stream: StreamName, time: number, buf: Buffer, start: number, end: number): void {
    const pending = this.pending[stream]
    const have = pending?.bytes ?? 0
    if (have + end - start > this.maxLineBytes) {
      this.complete(stream, time, buf, start, end)
      this.skipping[stream] = true
      return
    }
    const part = Buffer.from(buf.subarray(start, end))
    if (pending) {
      pending.parts.push(part)
      pending.bytes += part.length
    } else this.pending[stream] = { time, parts: [part], bytes: part.length }
  }

  private emit(stream: StreamName, time: number, buf: Buffer, start: number, end: number): void {
    const stop = end > start && buf[end - 1] === CARRIAGE_RETURN ? end - 1 : end
    if (this.raw) return this.emitRaw(buf, start, stop, '')
    this.onLine({ stream, time, text: buf.toString('utf8', start, stop) })
  }

  private emitCut(stream: StreamName, time: number, whole: Buffer): void {
    const stop = utf8Boundary(whole, whole.length)
    if (this.raw) return this.emitRaw(whole, 0, stop, LINE_CUT_MARK)
    this.onLine({ stream, time, text: whole.toString('utf8', 0, stop) + LINE_CUT_MARK })
  }

  // A raw (TTY) line: its timestamp is at its start.
  private emitRaw(buf: Buffer, start: number, end: number, mark: string): void {
    const space = buf.indexOf(SPACE, start)
    const time =
      space !== -1 && space < end && space - start <= MAX_TIMESTAMP_BYTES
        ? parseDockerTimestampBytes(buf, start, space)
        : Number.NaN
    const from = Number.isNaN(time) ? start : space + 1
    this.onLine({
      stream: 'stdout',
      time: Number.isNaN(time) ? this.now() : time,
      text: buf.toString('utf8', from, end) + mark,
    })
  }

  private flush(stream: StreamName): void {
    this.skipping[stream] = false
    const pending = this.pending[stream]
    if (!pending) return
    this.pending[stream] = null
    const whole = pending.parts.length === 1 ? pending.parts[0]! : Buffer.concat(pending.parts)
    this.emit(stream, pending.time, whole, 0, whole.length)
  }

  private startRaw(chunk: Buffer, pos: number): void {
    this.raw = true
    this.lineData('stdout', Number.NaN, chunk, pos, chunk.length)
  }
}

/**
 * The largest index up to `end` that does not split a UTF-8 character, so a cut line never ends
 * in half a character.
 */
export function utf8Boundary(buf: Buffer, end: number): number {
  let lead = end - 1
  while (lead >= 0 && end - lead <= 3 && (buf[lead]! & 0xc0) === 0x80) lead--
  if (lead < 0) return end
  const byte = buf[lead]!
  const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
  return end - lead >= need ? end : lead
}

/** Parses Docker's RFC3339Nano timestamp ("2024-05-01T12:00:00.123456789Z") into epoch ms. */
export function parseDockerTimestamp(text: string): number {
  const buf = Buffer.from(text, 'latin1')
  return parseDockerTimestampBytes(buf, 0, buf.length)
}

/**
 * The byte-level parser behind `parseDockerTimestamp`: digits read by arithmetic, no regex, no
 * string. Accepts any fraction length and a "Z" or "±hh:mm" zone; NaN when it is not a timestamp.
 */
export function parseDockerTimestampBytes(buf: Buffer, start: number, end: number): number {
  if (end - start < 20) return Number.NaN
  if (
    buf[start + 4] !== 0x2d ||
    buf[start + 7] !== 0x2d ||
    buf[start + 10] !== 0x54 ||
    buf[start + 13] !== 0x3a ||
    buf[start + 16] !== 0x3a
  ) {
    return Number.NaN
  }
  const year = digits(buf, start, 4)
  const month = digits(buf, start + 5, 2)
  const day = digits(buf, start + 8, 2)
  const hour = digits(buf, start + 11, 2)
  const minute = digits(buf, start + 14, 2)
  const second = digits(buf, start + 17, 2)
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return Number.NaN
  let pos = start + 19
  let ms = 0
  if (buf[pos] === 0x2e) {
    pos++
    let scale = 100
    while (pos < end) {
      const d = buf[pos]! - 0x30
      if (d < 0 || d > 9) break
      ms += d * scale
      scale /= 10
      pos++
    }
    ms = Math.floor(ms)
  }
  let offsetMinutes = 0
  const zone = buf[pos]
  if (zone === 0x5a && pos + 1 === end) {
    offsetMinutes = 0
  } else if ((zone === 0x2b || zone === 0x2d) && pos + 6 === end && buf[pos + 3] === 0x3a) {
    const oh = digits(buf, pos + 1, 2)
    const om = digits(buf, pos + 4, 2)
    if (oh < 0 || om < 0) return Number.NaN
    offsetMinutes = (zone === 0x2d ? -1 : 1) * (oh * 60 + om)
  } else {
    return Number.NaN
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000
}

function digits(buf: Buffer, start: number, count: number): number {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const d = buf[i]! - 0x30
    if (d < 0 || d > 9) return -1
    value = value * 10 + d
  }
  return value
}

function isFrameHeader(buf: Buffer, pos: number): boolean {
  const type = buf[pos]!
  return type <= 2 && buf[pos + 1] === 0 && buf[pos + 2] === 0 && buf[pos + 3] === 0
}
