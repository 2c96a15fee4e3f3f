import { useSyncExternalStore } from 'react'
import { parseRoute, type Route } from '../../state/route'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The route in `location.hash`, re-read on every hash change (links and the back button). */
export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseRoute(hash)
}
