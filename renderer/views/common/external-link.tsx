import type { MouseEvent, ReactNode } from 'react'
import { useActions, useEngine } from '../../state/store-context'

/**
 * A link to a GitHub page. In a browser it opens a new tab itself; in Electron the engine opens it
 * in the system browser (`openExternal`), since a sandboxed window must not navigate away.
 */
export function ExternalLink({
  href,
  children,
  testId,
  className,
}: {
  href: string
  children: ReactNode
  testId?: string
  className?: string
}) {
  const host = useEngine((s) => s.host)
  const { openExternal } = useActions()
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (host !== 'electron') return
    event.preventDefault()
    void openExternal(href)
  }
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={onClick}
      data-testid={testId}
      className={className}
    >
      {children}
      <span className="visually-hidden"> (opens in your browser)</span>
    </a>
  )
}
