import { z } from 'zod'

/** One log line as every UI receives it: already redacted, tagged with its runner. */
export const logEntrySchema = z.object({
  /** Increases by one per line across the whole engine: lets a client resume without gaps. */
  seq: z.number().int(),
  runner: z.string(),
  /**
   * Where the line came from: the runner container's `stdout` (its terminal lines) and `stderr`;
   * `trace`, stdout lines of the runner's diagnostic trace (`[RUNNER … INFO …] …`), dimmed and
   * hidden by default; `step`, a job's step output read from the runner's page files (the runner
   * sends it to GitHub, not to its stdout); `engine`, RunnerDock's own notes about the runner.
   */
  stream: z.enum(['stdout', 'stderr', 'trace', 'step', 'engine']),
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
