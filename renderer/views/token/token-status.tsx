import { useEffect, useRef, useState } from 'react'
import type { TokenKind } from '../../../common/token-access'
import { primaryTarget } from '../../../common/settings'
import { formatTarget } from '../../../common/target'
import { useActions, useEngine } from '../../state/store-context'
import { ConfirmDialog } from '../common/confirm-dialog'

const KIND_WORDS: Record<TokenKind, string> = {
  classic: 'classic personal access token',
  'fine-grained': 'fine-grained personal access token',
  oauth: 'OAuth token',
  other: 'token',
}

/** The saved token as GitHub describes it: whose, what kind, and whether it can register runners. */
export function TokenStatus({ onReplace }: { onReplace: () => void }) {
  const token = useEngine((s) => s.token)
  const target = useEngine((s) => primaryTarget(s.settings))
  const { removeToken, checkToken } = useActions()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const asked = useRef(false)
  const check = token.check

  // After a restart the engine knows a token exists but has not asked GitHub about it yet.
  useEffect(() => {
    if (token.present && check === null && !asked.current) {
      asked.current = true
      void checkToken()
    }
  }, [token.present, check, checkToken])

  const run = async (action: () => Promise<{ ok: boolean; message?: string }>) => {
    setBusy(true)
    setError(null)
    const result = await action()
    setBusy(false)
    if (!result.ok) setError(result.message ?? 'That did not work.')
  }

  const fine = check !== null && check.status === 'valid' && (check.canRegister || target === null)
  return (
    <div className="stack">
      <div
        data-testid="token-status"
        data-check={check?.status ?? 'unchecked'}
        className={fine ? 'status-ok' : 'status-problem'}
      >
        <p>
          {check?.login ? (
            <>
              Token of <strong>{check.login}</strong> on {token.host}
              {check.kind ? ` (${KIND_WORDS[check.kind]})` : ''}.
            </>
          ) : (
            <>
              A token is saved for {token.host}.{check === null && ' Checking it with GitHub…'}
            </>
          )}
        </p>
        {check && (
          <ul className="facts">
            <li>
              Scopes:{' '}
              {check.scopes === null
                ? 'not listed (fine-grained tokens do not list them)'
                : check.scopes.join(', ') || 'none'}
            </li>
            <li>
              {target === null
                ? 'Choose a target to check whether it may register runners there.'
                : check.canRegister
                  ? `May register runners on ${formatTarget(target)}.`
                  : `May not register runners on ${formatTarget(target)}.`}
            </li>
          </ul>
        )}
        {check && !fine && <p className="problem">{check.message}</p>}
        {token.source === 'environment' && (
          <p>
            This token comes from the <code>GITHUB_TOKEN</code> environment variable and is not
            saved. To use another token, change <code>GITHUB_TOKEN</code> and restart RunnerDock.
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void run(checkToken)}>
          Check again
        </button>
        {token.source !== 'environment' && (
          <>
            <button type="button" data-testid="token-replace" disabled={busy} onClick={onReplace}>
              Replace
            </button>
            <button
              type="button"
              className="danger"
              data-testid="token-remove"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Remove
            </button>
          </>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Remove the token for ${token.host}?`}
          confirmLabel="Remove token"
          testId="confirm-remove-token"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false)
            void run(removeToken)
          }}
        >
          <p>
            It is deleted from the system keychain. RunnerDock cannot start runners on {token.host}{' '}
            until you add a token again.
          </p>
        </ConfirmDialog>
      )}
      {error && (
        <p className="error" role="alert" data-testid="token-error">
          {error}
        </p>
      )}
    </div>
  )
}
