import { z } from 'zod'

/**
 * The headless host's WebSocket framing of the contract (Electron uses IPC channels instead).
 * Frames are validated on both ends; method inputs and outputs are then validated by the contract.
 */
export const clientFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(64),
  input: z.unknown(),
})
/** A frame a client sends. */
export type ClientFrame = z.infer<typeof clientFrameSchema>

/**
 * The part of a call frame a host needs to answer it: a frame with a usable id gets an error
 * result for a bad method, and only a frame without one closes the connection.
 */
export const callIdSchema = z.object({ type: z.literal('call'), id: clientFrameSchema.shape.id })

/** A frame the host sends: a call's result or an event (a plain union: two share `type`). */
export const serverFrameSchema = z.union([
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.string(),
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
])
/** A frame the host sends. */
export type ServerFrame = z.infer<typeof serverFrameSchema>

/** The WebSocket path of the headless host. */
export const WS_PATH = '/rpc'

/**
 * Largest frame the host accepts from a client. Every method input is capped by its schema (the
 * largest, a full settings patch, is well under 16 KiB), so more than this is never a real call.
 */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024

/** Most calls one connection may have unanswered; more are answered at once with an error. */
export const MAX_CALLS_IN_FLIGHT = 64

/** How the host closes a connection that broke the framing (RFC 6455 section 7.4.1). */
export const WS_CLOSE = {
  /** A binary frame: the protocol is JSON text. */
  unsupportedData: 1003,
  /** Text that is not JSON (invalid UTF-8 is refused by the socket itself with the same code). */
  invalidPayload: 1007,
  /** JSON that is not a call frame. */
  policyViolation: 1008,
} as const
