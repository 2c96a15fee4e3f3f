// The runner's page files: where its worker writes a job's step output before uploading it
// (actions/runner src/Runner.Common/Logging.cs, PagingLogger; docs/github-facts.md, "Step output
// in page files"). `_diag/pages/<timelineId>_<timelineRecordId>_<n>.log`, one record (step) per
// file name, n counting 8 MB pages from 1; UTF-8 with a byte order mark; every message prefixed
// with its UTC time in .NET's round-trip format. Reading them is a matter of strings, kept here.

/** One page file's name, read. */
export interface PageName {
  readonly timelineId: string
  readonly recordId: string
  /** 1 for a step's first page. */
  readonly page: number
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const PAGE_FILE = new RegExp(`^(${GUID})_(${GUID})_(\\d+)\\.log$`)

/** Reads a page file's name; null for any other file (the runner's `blocks`, temp files). */
export function parsePageName(name: string): PageName | null {
  const match = PAGE_FILE.exec(name)
  if (!match) return null
  return { timelineId: match[1]!, recordId: match[2]!, page: Number(match[3]) }
}

/** A page file noticed, with the time it appeared (creation, else change time). */
export interface SeenPage {
  readonly name: string
  readonly bornMs: number
}

/**
 * The order to read newly seen pages in: as they were created (steps run one after another),
 * then by record and page number, so a step's pages keep their order even on file systems
 * whose times are coarse.
 */
export function orderPages(pages: readonly SeenPage[]): SeenPage[] {
  return [...pages].sort((a, b) => {
    if (a.bornMs !== b.bornMs) return a.bornMs - b.bornMs
    const pa = parsePageName(a.name)
    const pb = parsePageName(b.name)
    if (pa && pb && pa.recordId === pb.recordId) return pa.page - pb.page
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  })
}

const BOM = '\uFEFF'

/**
 * Splits decoded text into whole lines: `pending` is the unfinished line from before. The byte
 * order mark a page starts with is dropped; `\r\n` ends a line too.
 */
export function splitLines(
  pending: string,
  text: string,
  atFileStart: boolean,
): { readonly lines: string[]; readonly pending: string } {
  const joined = pending + (atFileStart && text.startsWith(BOM) ? text.slice(1) : text)
  const parts = joined.split('\n')
  const rest = parts.pop() ?? ''
  return { lines: parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)), pending: rest }
}

// DateTime.UtcNow.ToString("O"): 2026-11-29T21:00:00.1234567Z, then one space.
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z ?/

/**
 * One page line's time and text. A message with several lines has the time on its first line
 * only: the others take `lastTime`.
 */
export function readPageLine(
  line: string,
  lastTime: number,
): { readonly time: number; readonly text: string } {
  const match = STAMP.exec(line)
  if (!match) return { time: lastTime, text: line }
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3)
  const time = Date.parse(`${match[1]}.${millis}Z`)
  return { time: Number.isNaN(time) ? lastTime : time, text: line.slice(match[0].length) }
}
