import { installationLabel } from '../../common/runner-labels'

/**
 * The line to put in a workflow so its jobs run on these runners: every label they register with
 * but this installation's own (which would tie the workflow to this one machine). Null until the
 * labels are known (Docker said its platform).
 */
export function runsOnLine(labels: readonly string[], installationId?: string): string | null {
  if (labels.length === 0) return null
  const own = installationId ? installationLabel(installationId).toLowerCase() : null
  const shared = labels.filter(
    (l) => l.toLowerCase() !== own && !/^runnerdock-[a-z0-9]{8}$/i.test(l),
  )
  return `runs-on: [${shared.join(', ')}]`
}
