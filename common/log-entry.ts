import { z } from 'zod'

/** One log line as every UI receives it: already redacted, tagged with its runner. */
export const logEntrySchema = z.object({
  /** Increases by one per line across the whole engine: lets a client resume without gaps. */
  seq: z.number().int(),
  runner: z.string(),
  /** `engine` lines are RunnerDock's own notes about the runner (created, removed...). */
  stream: z.enum(['stdout', 'stderr', 'engine']),
  time: z.number(),
  text: z.string(),
})
/** A log line. */
export type LogEntry = z.infer<typeof logEntrySchema>

/** A runner whose log can be read, live or recently finished. */
export const logSourceSchema = z.object({
  runner: z.string(),
  finished: z.boolean(),
  lines: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
})
/** A readable log. */
export type LogSource = z.infer<typeof logSourceSchema>
