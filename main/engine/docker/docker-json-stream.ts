import { StringDecoder } from 'node:string_decoder'

/** Feeds a stream of JSON objects (events, pull progress) one chunk at a time. */
export interface JsonStreamParser {
  push(chunk: Buffer | string): void
  /** Drops an incomplete trailing object; call when the stream ends. */
  end(): void
}

const OPEN = 0x7b // {
const CLOSE = 0x7d // }
const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * Splits Docker's streamed JSON objects wherever chunk boundaries fall: one object may arrive in
 * pieces and several may share a chunk, with or without the newline Docker puts between them.
 * Scans by brace depth (outside strings), never re-reading consumed text. A malformed object goes to
 * `onInvalid` instead of throwing: dockerode's `followProgress` throws from a 'data' handler.
 */
export function createJsonStreamParser(
  onValue: (value: unknown, text: string) => void,
  onInvalid: (text: string) => void = () => undefined,
): JsonStreamParser {
  const decoder = new StringDecoder('utf8')
  let buffer = ''
  let scan = 0
  let objectStart = -1
  let depth = 0
  let inString = false
  let escaped = false

  const push = (chunk: Buffer | string) => {
    buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk)
    for (; scan < buffer.length; scan++) {
      const c = buffer.charCodeAt(scan)
      if (inString) {
        if (escaped) escaped = false
        else if (c === BACKSLASH) escaped = true
        else if (c === QUOTE) inString = false
        continue
      }
      if (depth === 0) {
        if (c === OPEN) {
          objectStart = scan
          depth = 1
        }
        continue
      }
      if (c === QUOTE) inString = true
      else if (c === OPEN) depth++
      else if (c === CLOSE && --depth === 0) {
        const text = buffer.slice(objectStart, scan + 1)
        objectStart = -1
        let value: unknown
        let parsed = true
        try {
          value = JSON.parse(text)
        } catch {
          parsed = false
        }
        if (parsed) onValue(value, text)
        else onInvalid(text)
      }
    }
    // Keep only the unfinished object (if any); the scan position moves with it.
    const keepFrom = objectStart === -1 ? buffer.length : objectStart
    if (keepFrom > 0) {
      buffer = buffer.slice(keepFrom)
      scan -= keepFrom
      if (objectStart !== -1) objectStart = 0
    }
  }

  return {
    push,
    end() {
      buffer = ''
      scan = 0
      objectStart = -1
      depth = 0
      inString = false
      escaped = false
    },
  }
}
