import { memo, useMemo } from 'react'
import type { LogLine } from '../../state/log-buffer'
import { formatClock } from '../../state/format-time'
import { ansiSegments, highlightSegments } from './ansi-segments'

/** One log line: time, runner (when showing all), and the text with its colours and matches. */
export const LogRow = memo(function LogRow({
  line,
  query,
  showRunner,
  height,
  current = false,
}: {
  line: LogLine
  query: string
  showRunner: boolean
  height: number
  /** The search match the user stepped to. */
  current?: boolean
}) {
  const segments = useMemo(
    () => highlightSegments(ansiSegments(line.text), query),
    [line.text, query],
  )
  return (
    <div
      className={`log-line log-${line.stream}${current ? ' log-line-current' : ''}`}
      data-testid="log-line"
      data-seq={line.seq}
      data-current={current ? 'true' : undefined}
      style={{ height }}
    >
      <span className="log-time">{formatClock(line.time)}</span>
      {showRunner && <span className="log-runner">{line.runner}</span>}
      <span className="log-text">
        {segments.map((s, i) => {
          const style =
            s.color || s.background
              ? { color: s.color ?? undefined, backgroundColor: s.background ?? undefined }
              : undefined
          const className = s.classes.length > 0 ? s.classes.join(' ') : undefined
          return s.hit ? (
            <mark key={i} className={className} style={style}>
              {s.text}
            </mark>
          ) : (
            <span key={i} className={className} style={style}>
              {s.text}
            </span>
          )
        })}
      </span>
    </div>
  )
})
