/** The views of the UI, addressed by `location.hash` so the Electron log window can load `#logs`. */
export type Route =
  { view: 'dashboard' } | { view: 'settings' } | { view: 'logs'; runner: string | null }

/** Reads a hash (`#logs/<runner>`, `#settings`...); anything unknown is the dashboard. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '')
  const [head, ...rest] = path.split('/')
  if (head === 'settings') return { view: 'settings' }
  if (head === 'logs') {
    const raw = rest.join('/')
    if (raw === '') return { view: 'logs', runner: null }
    try {
      return { view: 'logs', runner: decodeURIComponent(raw) }
    } catch {
      return { view: 'logs', runner: null }
    }
  }
  return { view: 'dashboard' }
}

/** The hash of a route, the inverse of `parseRoute`. */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'dashboard':
      return '#dashboard'
    case 'settings':
      return '#settings'
    case 'logs':
      return route.runner === null ? '#logs' : `#logs/${encodeURIComponent(route.runner)}`
  }
}
