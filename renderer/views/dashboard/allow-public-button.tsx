import { useState } from 'react'
import { formatTarget, type Target } from '../../../common/target'
import { allowPublicPatch, publicRisk } from '../../state/target-edits'
import { useActions, useEngine } from '../../state/store-context'
import { ConfirmDialog } from '../common/confirm-dialog'

/**
 * "Allow this repository": adds a held public target to `allowPublic`, only after a confirmation
 * that states the risk in full.
 */
export function AllowPublicButton({ target }: { target: Target }) {
  const allowPublic = useEngine((s) => s.settings.allowPublic)
  const { updateSettings, notify } = useActions()
  const [asking, setAsking] = useState(false)
  const name = formatTarget(target)
  const what = target.kind === 'repo' ? 'repository' : 'organization'
  const allow = async () => {
    setAsking(false)
    const patch = allowPublicPatch({ allowPublic }, target)
    if (!patch) return
    const result = await updateSettings(patch)
    notify(result.ok ? 'info' : 'error', result.ok ? `${name} is allowed.` : result.message)
  }
  return (
    <>
      <button type="button" data-testid="target-allow" onClick={() => setAsking(true)}>
        Allow this {what}
      </button>
      {asking && (
        <ConfirmDialog
          title={`Run jobs of public ${name} on this machine?`}
          confirmLabel={`Allow ${name}`}
          testId="confirm-allow-public"
          onCancel={() => setAsking(false)}
          onConfirm={() => void allow()}
        >
          <p data-testid="public-risk">{publicRisk(target)}</p>
          <p>
            Allow it only if every workflow that can run for it is safe to run here, for example
            when pull requests from forks need approval before their workflows run.
          </p>
        </ConfirmDialog>
      )}
    </>
  )
}
