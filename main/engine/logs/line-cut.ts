import type { Redactor } from '../../../common/redact'

/** Ends a line that was cut: readers see that the rest of it is missing. */
export const LINE_CUT_MARK = '… [line cut]'

/** Whether a line was cut upstream (by the log decoder's cap), so its tail needs extra care. */
export function isCutLine(text: string): boolean {
  return text.endsWith(LINE_CUT_MARK)
}

/**
 * Redacts a line, then cuts it to `maxChars`: redaction always sees everything that was kept, so a
 * secret across the cut is masked whole instead of leaving its first half behind. A line already
 * cut upstream also has a tail that could be the start of a secret masked (the redactor's
 * `cutAtEnd`). Never splits a UTF-16 surrogate pair.
 */
export function redactAndCut(text: string, redact: Redactor, maxChars: number): string {
  const cutUpstream = isCutLine(text)
  const body = cutUpstream ? text.slice(0, text.length - LINE_CUT_MARK.length) : text
  const redacted = redact(body, cutUpstream ? { cutAtEnd: true } : undefined)
  if (redacted.length <= maxChars) return cutUpstream ? redacted + LINE_CUT_MARK : redacted
  let end = maxChars
  const last = redacted.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return redacted.slice(0, end) + LINE_CUT_MARK
}
