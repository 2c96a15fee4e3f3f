import { parse } from 'yaml'

/** Whether a workflow file asks for self-hosted runners, and where. */
export interface RunsOnVerdict {
  /** `yes`: a job's runs-on names self-hosted; `maybe`: it is built from an expression or a matrix. */
  readonly asks: 'yes' | 'maybe' | 'no'
  /** One line per job that decided it: `build: runs-on [self-hosted, linux]`. */
  readonly reasons: readonly string[]
}

const EXPRESSION = /\$\{\{/

function labelsOf(runsOn: unknown): { labels: string[]; expression: boolean } {
  if (typeof runsOn === 'string') return { labels: [runsOn], expression: EXPRESSION.test(runsOn) }
  if (Array.isArray(runsOn)) {
    const labels = runsOn.filter((l): l is string => typeof l === 'string')
    return {
      labels,
      expression: labels.some((l) => EXPRESSION.test(l)) || labels.length !== runsOn.length,
    }
  }
  if (runsOn && typeof runsOn === 'object') {
    // `runs-on: { group: ..., labels: [...] }`
    const { labels, group } = runsOn as { labels?: unknown; group?: unknown }
    const inner = labelsOf(labels ?? [])
    return { labels: inner.labels, expression: inner.expression || typeof group === 'string' }
  }
  return { labels: [], expression: runsOn !== undefined }
}

/**
 * Reads a workflow file and says whether any job asks for self-hosted runners. A `runs-on` built
 * from an expression or a matrix (`${{ matrix.os }}`) cannot be known without running it, so it
 * counts as "maybe" (conservative: the repository is watched, which costs only conditional
 * requests). A file that does not parse asks nothing.
 */
export function workflowAsksSelfHosted(text: string): RunsOnVerdict {
  let doc: unknown
  try {
    doc = parse(text)
  } catch {
    return { asks: 'no', reasons: [] }
  }
  const jobs = (doc as { jobs?: unknown } | null)?.jobs
  if (!jobs || typeof jobs !== 'object') return { asks: 'no', reasons: [] }
  let asks: RunsOnVerdict['asks'] = 'no'
  const reasons: string[] = []
  for (const [id, job] of Object.entries(jobs as Record<string, unknown>)) {
    const runsOn = (job as { 'runs-on'?: unknown } | null)?.['runs-on']
    if (runsOn === undefined) continue // a reusable workflow call
    const { labels, expression } = labelsOf(runsOn)
    if (labels.some((l) => l.toLowerCase() === 'self-hosted')) {
      asks = 'yes'
      reasons.push(`${id}: runs-on [${labels.join(', ')}]`)
    } else if (expression) {
      if (asks === 'no') asks = 'maybe'
      reasons.push(`${id}: runs-on is an expression (${JSON.stringify(runsOn)})`)
    }
  }
  return { asks, reasons }
}
