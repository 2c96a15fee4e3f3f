import type { LogHeading } from '../../state/runner-index'
import { resultTone } from '../../state/recent-jobs'
import { ExternalLink } from '../common/external-link'

/**
 * The log view's header: the job the runner ran (or what it does), its result, its target and
 * runner, and its run on GitHub, so a log is never just an `rd-…` id.
 */
export function LogHeader({ heading }: { heading: LogHeading }) {
  return (
    <div className="log-header" data-testid="log-header">
      <h2 data-testid="log-job">{heading.title}</h2>
      {heading.result !== null && (
        <span className={`badge badge-${resultTone(heading.result)}`} data-testid="log-result">
          {heading.result}
        </span>
      )}
      {heading.running && (
        <span className="badge badge-busy" data-testid="log-result">
          running
        </span>
      )}
      {heading.runner !== null && (
        <span className="muted">
          {heading.target ? `${heading.target} · ` : ''}
          {heading.runner}
        </span>
      )}
      {heading.url && (
        <ExternalLink href={heading.url} testId="log-run-link">
          Open the run on GitHub
        </ExternalLink>
      )}
    </div>
  )
}
