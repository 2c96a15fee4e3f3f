import type { JobRecord } from '../../../common/job-record'

/**
 * Label values for the job metrics, shaped like actions-runner-controller's listener metrics so a
 * dashboard built for ARC reads RunnerDock too: `organization` is the owner, `repository` the
 * repository's name alone, `job_result` the result in lower case.
 */
export interface JobLabels {
  readonly organization: string
  readonly repository: string
}

/** `owner/repo` split as ARC labels it; an unknown repository is empty (Prometheus: no label). */
export function jobLabels(record: Pick<JobRecord, 'repository'>): JobLabels {
  const [owner = '', name = ''] = (record.repository ?? '').split('/', 2)
  return { organization: owner, repository: name }
}

/** The result as a label value: lower case, `unknown` when the runner never said. */
export function resultLabel(result: string | null): string {
  return result === null ? 'unknown' : result.toLowerCase()
}

/** Label values beyond the bound fold into this one. */
export const OTHER_LABEL = 'other'

/**
 * Keeps a label's values bounded: the first `max` distinct values are kept, later ones fold into
 * `other`. A caller that passes a raw URL as a route, or a new error text as a kind, must not
 * grow the series count (and Prometheus' memory) without end.
 */
export function boundedLabel(seen: Set<string>, value: string, max: number): string {
  if (seen.has(value)) return value
  if (seen.size >= max) return OTHER_LABEL
  seen.add(value)
  return value
}
