import type { ContainerLogLine } from './docker-port'

type StreamName = ContainerLogLine['stream']

interface PendingLine {
  time: number
  parts: Buffer[]
}

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const SPACE = 0x20
const HEADER_BYTES = 8
// "2006-01-02T15:04:05.000000000-07:00" is the longest RFC3339Nano form Docker writes.
const MAX_TIMESTAMP_BYTES = 40

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
 */
export class DockerLogDecoder {
  private readonly header = Buffer.alloc(HEADER_BYTES)
  private headerFill = 0
  private frameStream: StreamName = 'stdout'
  private frameLeft = 0
  private frameParts: Buffer[] = []
  private raw: Buffer[] | null = null
  private readonly pending: Record<StreamName, PendingLine | null> = { stdout: null, stderr: null }

  constructor(
    private readonly onLine: (line: ContainerLogLine) => void,
    /** Time for a line without a parsable timestamp (only if Docker ever sends one). */
    private readonly now: () => number = Date.now,
  ) {}

  /** Feeds the next chunk exactly as it came off the socket. */
  push(chunk: Buffer): void {
    if (this.raw) return this.pushRaw(chunk, 0)
    const size = chunk.length
    let pos = 0
    while (pos < size) {
      if (this.frameLeft > 0) {
        const take = Math.min(this.frameLeft, size - pos)
        this.frameParts.push(chunk.subarray(pos, pos + take))
        this.frameLeft -= take
        pos += take
        if (this.frameLeft === 0) {
          const frame =
            this.frameParts.length === 1 ? this.frameParts[0]! : Buffer.concat(this.frameParts)
          this.frameParts = []
          this.onFrame(this.frameStream, frame, 0, frame.length)
        }
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
          this.raw = []
          this.pushRaw(Buffer.from(this.header), 0)
          return this.pushRaw(chunk, pos)
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
        this.frameParts.push(chunk.subarray(pos))
        this.frameLeft = length - (size - pos)
        pos = size
      }
    }
  }

  /** The stream ended: emits what is left (a frame cut short, a last line without "\n"). */
  end(): void {
    if (this.frameParts.length > 0) {
      const frame = Buffer.concat(this.frameParts)
      this.frameParts = []
      this.frameLeft = 0
      this.onFrame(this.frameStream, frame, 0, frame.length)
    }
    if (this.raw && this.raw.length > 0) {
      const rest = Buffer.concat(this.raw)
      this.raw = []
      this.emitRawLine(rest, 0, rest.length)
    }
    this.flush('stdout')
    this.flush('stderr')
  }

  private onFrame(stream: StreamName, buf: Buffer, start: number, end: number): void {
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
    const pending = this.pending[stream]
    let nl = buf.indexOf(NEWLINE, pos)
    if (nl === -1 || nl >= end) {
      // A partial message: it continues in the next frame of the same stream.
      const part = Buffer.from(buf.subarray(pos, end))
      if (pending) pending.parts.push(part)
      else this.pending[stream] = { time, parts: [part] }
      return
    }
    if (pending) {
      pending.parts.push(buf.subarray(pos, nl))
      this.pending[stream] = null
      this.emitParts(stream, pending)
      pos = nl + 1
      nl = pos < end ? buf.indexOf(NEWLINE, pos) : -1
    }
    while (nl !== -1 && nl < end) {
      this.emit(stream, time, buf, pos, nl)
      pos = nl + 1
      nl = pos < end ? buf.indexOf(NEWLINE, pos) : -1
    }
    if (pos < end) this.pending[stream] = { time, parts: [Buffer.from(buf.subarray(pos, end))] }
  }

  private emit(stream: StreamName, time: number, buf: Buffer, start: number, end: number): void {
    const stop = end > start && buf[end - 1] === CARRIAGE_RETURN ? end - 1 : end
    this.onLine({ stream, time, text: buf.toString('utf8', start, stop) })
  }

  private emitParts(stream: StreamName, line: PendingLine): void {
    const whole = line.parts.length === 1 ? line.parts[0]! : Buffer.concat(line.parts)
    this.emit(stream, line.time, whole, 0, whole.length)
  }

  private flush(stream: StreamName): void {
    const pending = this.pending[stream]
    if (!pending) return
    this.pending[stream] = null
    this.emitParts(stream, pending)
  }

  private startRaw(chunk: Buffer, pos: number): void {
    this.raw = []
    this.pushRaw(chunk, pos)
  }

  private pushRaw(chunk: Buffer, from: number): void {
    const raw = this.raw!
    let pos = from
    let nl = chunk.indexOf(NEWLINE, pos)
    while (nl !== -1) {
      if (raw.length > 0) {
        raw.push(chunk.subarray(pos, nl))
        const line = Buffer.concat(raw)
        raw.length = 0
        this.emitRawLine(line, 0, line.length)
      } else {
        this.emitRawLine(chunk, pos, nl)
      }
      pos = nl + 1
      nl = chunk.indexOf(NEWLINE, pos)
    }
    if (pos < chunk.length) raw.push(Buffer.from(chunk.subarray(pos)))
  }

  private emitRawLine(buf: Buffer, start: number, end: number): void {
    const space = buf.indexOf(SPACE, start)
    const time =
      space !== -1 && space < end && space - start <= MAX_TIMESTAMP_BYTES
        ? parseDockerTimestampBytes(buf, start, space)
        : Number.NaN
    if (Number.isNaN(time)) this.emit('stdout', this.now(), buf, start, end)
    else this.emit('stdout', time, buf, space + 1, end)
  }
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
