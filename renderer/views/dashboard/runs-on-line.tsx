import { runsOnLine } from '../../state/runs-on'
import { useActions, useEngine } from '../../state/store-context'
import { copyText } from '../common/copy-text'

/**
 * The exact labels the runners register with, as the line a workflow needs, where the user
 * decides what to put in their workflows.
 */
export function RunsOnLine() {
  const labels = useEngine((s) => s.snapshot.labels)
  const installationId = useEngine((s) => s.settings.installationId)
  const { notify } = useActions()
  const line = runsOnLine(labels, installationId)
  if (!line)
    return (
      <p className="hint" data-testid="runs-on">
        The exact labels are known once Docker answers (press Check now in Health).
      </p>
    )
  return (
    <p className="runs-on" data-testid="runs-on">
      In a workflow: <code data-testid="runs-on-line">{line}</code>{' '}
      <button
        type="button"
        className="link-button"
        onClick={() =>
          void copyText(line).then((problem) =>
            notify(problem ? 'error' : 'info', problem ?? 'Copied the runs-on line.'),
          )
        }
      >
        Copy
      </button>
      <span className="hint"> Runners register with exactly: {labels.join(', ')}.</span>
    </p>
  )
}
