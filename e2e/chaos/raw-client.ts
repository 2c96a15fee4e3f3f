// Speaks HTTP and WebSocket at the byte level, so the fuzz suite can send what no client library
// would: broken request lines, unmasked or oversized frames, half a frame. Each exchange reports
// how the server answered: a status line, a WebSocket close code, a data frame, a plain close, or
// nothing before the deadline.
import net from 'node:net'

/** How the server answered one exchange. */
export type Answer =
  | { kind: 'status'; status: number }
  | { kind: 'close-frame'; code: number }
  | { kind: 'data-frame'; opcode: number; text: string }
  | { kind: 'closed' }
  | { kind: 'none' }

/**
 * The final HTTP status in what the server sent, if any: interim answers (100 Continue) are
 * skipped, since the real answer follows them.
 */
export function statusOf(bytes: Buffer): number | null {
  let text = bytes.toString('latin1')
  for (;;) {
    const match = /^HTTP\/1\.[01] (\d{3}) /.exec(text.slice(0, 64))
    if (!match) return null
    const status = Number(match[1])
    if (status >= 200 || status === 101) return status
    const end = text.indexOf('\r\n\r\n')
    if (end === -1) return null
    text = text.slice(end + 4)
  }
}

/** Splits server-to-client frames (unmasked) from `bytes`; stops at an incomplete frame. */
export function serverFrames(bytes: Buffer): Array<{ opcode: number; payload: Buffer }> {
  const frames: Array<{ opcode: number; payload: Buffer }> = []
  let pos = 0
  while (pos + 2 <= bytes.length) {
    const opcode = bytes[pos]! & 0x0f
    let length = bytes[pos + 1]! & 0x7f
    let header = 2
    if (length === 126) {
      if (pos + 4 > bytes.length) break
      length = bytes.readUInt16BE(pos + 2)
      header = 4
    } else if (length === 127) {
      if (pos + 10 > bytes.length) break
      length = Number(bytes.readBigUInt64BE(pos + 2))
      header = 10
    }
    if (pos + header + length > bytes.length) break
    frames.push({ opcode, payload: bytes.subarray(pos + header, pos + header + length) })
    pos += header + length
  }
  return frames
}

/** Builds one client frame; `mask: false` and odd headers are the point, not a mistake. */
export function clientFrame(options: {
  opcode: number
  payload: Buffer
  fin?: boolean
  rsv?: number
  mask?: boolean
  declaredLength?: number
}): Buffer {
  const { opcode, payload } = options
  const fin = options.fin ?? true
  const mask = options.mask ?? true
  const length = options.declaredLength ?? payload.length
  const first = (fin ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | (opcode & 0x0f)
  let header: Buffer
  if (length < 126) header = Buffer.from([first, (mask ? 0x80 : 0) | length])
  else if (length < 65536) {
    header = Buffer.alloc(4)
    header[0] = first
    header[1] = (mask ? 0x80 : 0) | 126
    header.writeUInt16BE(length, 2)
  } else {
    header = Buffer.alloc(10)
    header[0] = first
    header[1] = (mask ? 0x80 : 0) | 127
    header.writeBigUInt64BE(BigInt(length), 2)
  }
  if (!mask) return Buffer.concat([header, payload])
  const key = Buffer.from([0x37, 0xfa, 0x21, 0x3d])
  const masked = Buffer.alloc(payload.length)
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i]! ^ key[i % 4]!
  return Buffer.concat([header, key, masked])
}

/** A WebSocket handshake request for the headless host. */
export function upgradeRequest(port: number, target: string, extra = ''): string {
  return (
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
    'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`
  )
}

function classify(bytes: Buffer, ended: boolean, afterHandshake: boolean): Answer | null {
  if (!afterHandshake) {
    const status = statusOf(bytes)
    if (status !== null && bytes.includes('\r\n\r\n')) return { kind: 'status', status }
    return ended ? { kind: 'closed' } : null
  }
  const end = bytes.indexOf('\r\n\r\n')
  if (end === -1) return ended ? { kind: 'closed' } : null
  const status = statusOf(bytes)
  if (status !== 101) return status === null ? { kind: 'closed' } : { kind: 'status', status }
  for (const frame of serverFrames(bytes.subarray(end + 4))) {
    if (frame.opcode === 0x8)
      return {
        kind: 'close-frame',
        code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005,
      }
    const text = frame.payload.toString('utf8')
    // Events (the host broadcasts notices) are not answers to what this exchange sent.
    if (frame.opcode === 0x1 && text.startsWith('{"type":"event"')) continue
    if (frame.opcode === 0x1 || frame.opcode === 0xa)
      return { kind: 'data-frame', opcode: frame.opcode, text }
  }
  return ended ? { kind: 'closed' } : null
}

/**
 * Sends `request` (then, after a 101, `frames`), optionally ends the writing side, and waits for
 * the first answer: a status line, a close or data frame, the server closing, or the deadline.
 */
export function exchange(
  port: number,
  request: Buffer | string,
  options: { frames?: Buffer; halfClose?: boolean; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let settled = false
    let sentFrames = options.frames === undefined
    const afterHandshake = options.frames !== undefined
    const finish = (answer: Answer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    const timer = setTimeout(() => finish({ kind: 'none' }), options.timeoutMs ?? 5000)
    const look = (ended: boolean) => {
      const bytes = Buffer.concat(chunks)
      if (!sentFrames && statusOf(bytes) === 101 && bytes.includes('\r\n\r\n')) {
        sentFrames = true
        socket.write(options.frames!, () => options.halfClose && socket.end())
        return
      }
      const answer = classify(bytes, ended, afterHandshake)
      if (answer) finish(answer)
    }
    socket.on('data', (d: Buffer) => {
      chunks.push(d)
      look(false)
    })
    socket.on('end', () => look(true))
    socket.on('close', () => {
      const answer = classify(Buffer.concat(chunks), true, afterHandshake)
      finish(answer ?? { kind: 'closed' })
    })
    socket.on('error', () => undefined)
    socket.write(request, () => {
      if (options.halfClose && !afterHandshake) socket.end()
    })
  })
}

/** Runs `jobs` with at most `limit` at once, keeping results in order. */
export async function pool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++
      results[index] = await jobs[index]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker))
  return results
}
