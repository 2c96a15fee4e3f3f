import { useState } from 'react'
import { formatDuration } from '../../state/format-time'
import { useActions, useEngine } from '../../state/store-context'
import { copyText } from '../common/copy-text'
import { ExternalLink } from '../common/external-link'
import { useNow } from '../common/use-now'

/** "Sign in with GitHub" (OAuth device flow): a code to enter on GitHub instead of a pasted token. */
export function DeviceFlowPanel() {
  const flow = useEngine((s) => s.deviceFlow)
  const { startDeviceFlow, cancelDeviceFlow, notify } = useActions()
  const [error, setError] = useState<string | null>(null)
  const now = useNow(1000)
  if (flow.state === 'idle' && !flow.available) return null

  const start = async () => {
    setError(null)
    const result = await startDeviceFlow()
    if (!result.ok) setError(result.message)
  }
  const startButton = (label: string) => (
    <button type="button" data-testid="device-flow-start" onClick={() => void start()}>
      {label}
    </button>
  )

  return (
    <div className="device-flow stack" aria-live="polite">
      {flow.state === 'idle' && (
        <>
          <p>Or sign in through GitHub in your browser instead of pasting a token.</p>
          <div>{startButton('Sign in with GitHub')}</div>
        </>
      )}
      {flow.state === 'pending' && (
        <>
          <p>Enter this code on GitHub:</p>
          <div className="inline-fields">
            <code className="device-code" data-testid="device-code">
              {flow.userCode}
            </code>
            <button
              type="button"
              onClick={() =>
                void copyText(flow.userCode).then((problem) =>
                  notify(problem ? 'error' : 'info', problem ?? 'Code copied.'),
                )
              }
            >
              Copy code
            </button>
            <ExternalLink href={flow.verificationUri} className="button">
              Open {flow.verificationUri.replace(/^https?:\/\//, '')}
            </ExternalLink>
            <button type="button" onClick={() => void cancelDeviceFlow()}>
              Cancel
            </button>
          </div>
          <p className="hint">
            Waiting for you to approve on GitHub… The code expires in{' '}
            {formatDuration(flow.expiresAt - now)}.
          </p>
        </>
      )}
      {flow.state === 'approved' && (
        <p className="status-ok" role="status">
          Signed in{flow.login ? ` as ${flow.login}` : ''}. The token is saved in the keychain.
        </p>
      )}
      {flow.state === 'failed' && (
        <>
          <p className="error" role="alert">
            {flow.message}
          </p>
          <div>{startButton('Try again')}</div>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
