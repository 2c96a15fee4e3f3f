import type { MouseEvent, ReactNode } from 'react'
import { routeHash } from '../../state/route'
import { useActions, useAppStore } from '../../state/store-context'

/**
 * A link to the log viewer. In a browser it switches this page to `#logs`; in the desktop app the
 * log viewer is its own window, which the main process opens (`openLogs`).
 */
export function LogsLink({
  runner,
  children,
  testId,
  label,
  current,
}: {
  runner: string | null
  children: ReactNode
  testId?: string
  label?: string
  /** The view shown now (the header's tab). */
  current?: boolean
}) {
  const host = useAppStore((s) => s.data?.host ?? null)
  const { openLogWindow } = useActions()
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (host !== 'electron') return
    event.preventDefault()
    void openLogWindow(runner)
  }
  return (
    <a
      href={routeHash({ view: 'logs', runner })}
      onClick={onClick}
      data-testid={testId}
      aria-label={label}
      aria-current={current ? 'page' : undefined}
    >
      {children}
    </a>
  )
}
