/**
 * The runner's diagnostic trace on stdout. With ACTIONS_RUNNER_PRINT_LOG_TO_STDOUT=1 (set by the
 * official image) every trace event is printed as `[RUNNER 2026-11-29 21:00:00Z INFO Terminal] …`
 * between the terminal lines users care about (docs/github-facts.md, "The runner's trace").
 * Telling them apart is a decision of plain strings, so it lives here, tested line by line.
 */

/** A trace event's level as the runner writes it (`ERR ` keeps its trailing space). */
export type TraceLevel = 'CRIT' | 'ERR' | 'WARN' | 'INFO' | 'VERB'

/** One trace line's header, read. */
export interface TraceHeader {
  /**
   * The process that traced it: the listener (`RUNNER`) or a job's worker (`WORKER`); null in the
   * runner's own `_diag` files and in 2.300-era stdout, which carried no host.
   */
  readonly host: string | null
  readonly level: TraceLevel
  /** The class that traced it (JobDispatcher, MessageListener, Terminal…). */
  readonly source: string
  /** What follows the header. */
  readonly message: string
}

// StdoutTraceListener.WriteHeader: "[{HOST} {DateTime.UtcNow:u} {level} {source}] ". A level of
// "ERR " gives two spaces before the source. HostTraceListener (the _diag files) has no host.
const HEADER =
  /^\[(?:([A-Z][A-Z0-9_]*) )?\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ (CRIT|ERR |WARN|INFO|VERB) ([^\]]*)\] ?/

/** Reads a trace line's header; null for any other line. Cheap: most lines fail the first test. */
export function parseTraceHeader(line: string): TraceHeader | null {
  if (line.charCodeAt(0) !== 91 /* [ */) return null
  const match = HEADER.exec(line)
  if (!match) return null
  return {
    host: match[1] ?? null,
    level: match[2]!.trim() as TraceLevel,
    source: match[3]!.trim(),
    message: line.slice(match[0].length),
  }
}

/** Whether a line is a trace line (its header, not a continuation). */
export function isTraceLine(line: string): boolean {
  return parseTraceHeader(line) !== null
}

/**
 * What the classifier remembers between two stdout lines of one runner: whether the last line was
 * trace, and the terminal line the last trace announced (`Terminal` traces "WRITE LINE: X" just
 * before it prints X).
 */
export interface TraceMemory {
  readonly inTrace: boolean
  readonly announced: string | null
}

/** Before a runner's first line. */
export const NO_TRACE_MEMORY: TraceMemory = { inTrace: false, announced: null }

const WRITE_LINE = 'WRITE LINE: '

// A multi-line trace message continues on lines without a header until runner 2.335 (exception
// stack traces: " ---> ", "   at ", "   --- End of …"; objects traced as indented JSON).
const CONTINUATION = /^(?:\s|[{}[\]],?$)/

/**
 * Whether one stdout line is trace or output, given what came before: a header is trace; the line
 * a trace announced is output; an indented or bracket line right after trace continues it;
 * anything else is output (terminal lines, run.sh's own lines).
 */
export function classifyStdoutLine(
  line: string,
  memory: TraceMemory,
): { readonly trace: boolean; readonly memory: TraceMemory } {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line
  const header = parseTraceHeader(text)
  if (header) {
    const announced =
      header.source === 'Terminal' && header.message.startsWith(WRITE_LINE)
        ? header.message.slice(WRITE_LINE.length)
        : null
    return { trace: true, memory: { inTrace: true, announced } }
  }
  if (memory.announced !== null && text === memory.announced)
    return { trace: false, memory: NO_TRACE_MEMORY }
  if (memory.inTrace && text.length > 0 && CONTINUATION.test(text))
    return { trace: true, memory: { inTrace: true, announced: memory.announced } }
  return { trace: false, memory: NO_TRACE_MEMORY }
}

// A trace file line's header without its host: "[2026-11-29 21:00:00Z INFO Worker] ".
const FILE_HEADER = /^\[(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)Z (?:CRIT|ERR |WARN|INFO|VERB) /

/**
 * One line of the worker's `_diag` trace file as it would read on stdout: its header given the
 * `WORKER` host, its time read from the header. A line without a header continues the event
 * before it and keeps `lastTime`.
 */
export function readTraceFileLine(
  line: string,
  lastTime: number,
): { readonly time: number; readonly text: string } {
  const match = FILE_HEADER.exec(line)
  if (!match) return { time: lastTime, text: line }
  const time = Date.parse(`${match[1]}T${match[2]}Z`)
  return { time: Number.isNaN(time) ? lastTime : time, text: `[WORKER ${line.slice(1)}` }
}
