import { useEffect, useId, useState } from 'react'
import { targetsText } from '../../state/settings-form'
import { useEngine } from '../../state/store-context'
import { DeviceFlowPanel } from './device-flow-panel'
import { EnterpriseField } from './enterprise-field'
import { TargetStep } from './target-step'
import { TokenForm } from './token-form'
import { TokenStatus } from './token-status'

/** The target text when a parent (Settings) shares it with its own form. */
export interface SharedTarget {
  readonly text: string
  onText(text: string): void
}

/**
 * First run (and the token part of Settings): the target first, then the token, pasted or through
 * "Sign in with GitHub". A keychain problem is shown apart from "no token": the fix differs.
 */
export function TokenSetup({
  heading,
  target,
  onClose,
}: {
  heading: string
  target?: SharedTarget
  /** Offered once setup is complete (the dashboard's first-run card). */
  onClose?: (() => void) | undefined
}) {
  const saved = useEngine((s) => targetsText(s.settings.targets))
  const token = useEngine((s) => s.token)
  const [own, setOwn] = useState(saved)
  const [replacing, setReplacing] = useState(false)
  const id = useId()
  useEffect(() => setOwn(saved), [saved])
  const shared = target ?? { text: own, onText: setOwn }

  return (
    <section className="card token-setup" data-testid="token-setup" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{heading}</h2>
      <h3>1. Where runners register</h3>
      <TargetStep text={shared.text} onText={shared.onText} />
      <EnterpriseField />
      <h3 tabIndex={-1} data-focus-target="token">
        2. GitHub token
      </h3>
      {token.keychainProblem && (
        <div className="banner banner-error" role="alert" data-testid="keychain-problem">
          <strong>RunnerDock cannot use the system keychain.</strong> {token.keychainProblem}
        </div>
      )}
      {token.present && !replacing ? (
        <TokenStatus onReplace={() => setReplacing(true)} />
      ) : (
        <TokenForm canCancel={token.present} onDone={() => setReplacing(false)} />
      )}
      <DeviceFlowPanel />
      {onClose && (
        <div className="button-row">
          <button type="button" className="primary" data-testid="setup-done" onClick={onClose}>
            Done: show the pool
          </button>
        </div>
      )}
    </section>
  )
}
