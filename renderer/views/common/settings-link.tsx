import type { ReactNode } from 'react'
import { routeHash, type SettingsFocus } from '../../state/route'

/** A link that opens Settings at the field that fixes a problem (its focus is in the hash). */
export function SettingsLink({
  focus,
  children,
  testId,
  className = 'button',
}: {
  focus: SettingsFocus
  children: ReactNode
  testId?: string
  className?: string
}) {
  return (
    <a href={routeHash({ view: 'settings', focus })} className={className} data-testid={testId}>
      {children}
    </a>
  )
}
