import { useEffect, useState } from 'react'
import { useAppStore } from '../../state/store-context'

// After this long without a connection, the likely cause is a stopped or restarted host.
const HINT_AFTER_MS = 8_000

/** Says when the engine cannot be reached, and after a while what to check. */
export function ConnectionBanner() {
  const connection = useAppStore((s) => s.connection)
  const host = useAppStore((s) => s.data?.host ?? 'headless')
  const [longWait, setLongWait] = useState(false)
  useEffect(() => {
    if (connection === 'open') return
    const timer = setTimeout(() => setLongWait(true), HINT_AFTER_MS)
    return () => {
      clearTimeout(timer)
      setLongWait(false)
    }
  }, [connection])
  if (connection === 'open') return null
  return (
    <div
      className="banner banner-warn"
      role="status"
      data-testid="connection-banner"
      data-status={connection}
    >
      <strong>
        {connection === 'connecting'
          ? 'Connecting to RunnerDock…'
          : 'Not connected to RunnerDock. Reconnecting…'}
      </strong>
      {longWait &&
        (host === 'electron' ? (
          <span>
            {' '}
            If this does not clear, quit RunnerDock from its tray icon and open it again.
          </span>
        ) : (
          <span>
            {' '}
            Is <code>runnerdock serve</code> still running? If it was restarted, open the new link
            it printed.
          </span>
        ))}
    </div>
  )
}
