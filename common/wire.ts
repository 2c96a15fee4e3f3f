import { z } from 'zod'

/**
 * The headless host's WebSocket framing of the contract (Electron uses IPC channels instead).
 * Frames are validated on both ends; method inputs and outputs are then validated by the contract.
 */
export const clientFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().min(0),
  method: z.string().max(64),
  input: z.unknown(),
})
/** A frame a client sends. */
export type ClientFrame = z.infer<typeof clientFrameSchema>

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

/** Largest frame either side accepts (a pasted token or a log batch fits easily). */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024
