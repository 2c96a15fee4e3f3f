/**
 * The first line of every file an export writes. The writer overwrites a file only when its first
 * line still carries this text, so a file the user wrote, or took over by deleting the line, is
 * never replaced.
 */
export const EXPORT_MARKER =
  'Written by RunnerDock (export arc). The next export replaces this file unless you delete this line.'

/** The marker as a YAML comment line. */
export const YAML_MARKER_LINE = `# ${EXPORT_MARKER}`

/** The marker as a Markdown comment line. */
export const MARKDOWN_MARKER_LINE = `<!-- ${EXPORT_MARKER} -->`

/** Whether an existing file is one RunnerDock wrote and may replace. */
export function isRunnerDockFile(text: string): boolean {
  const first = text.split('\n', 1)[0]!.trim()
  return first === YAML_MARKER_LINE || first === MARKDOWN_MARKER_LINE
}
