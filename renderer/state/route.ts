/** A part of Settings a link can open at: a field, or the token setup. `null`: the top. */
export type SettingsFocus =
  'image' | 'networkMode' | 'allowPublic' | 'caches' | 'token' | 'targets' | null

const FOCUSES: readonly Exclude<SettingsFocus, null>[] = [
  'image',
  'networkMode',
  'allowPublic',
  'caches',
  'token',
  'targets',
]

/** The views of the UI, addressed by `location.hash` so the Electron log window can load `#logs`. */
export type Route =
  | { view: 'dashboard' }
  | { view: 'history' }
  | { view: 'settings'; focus: SettingsFocus }
  | { view: 'logs'; runner: string | null }

/** Reads a hash (`#logs/<runner>`, `#settings/image`...); anything unknown is the dashboard. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '')
  const [head, ...rest] = path.split('/')
  if (head === 'history') return { view: 'history' }
  if (head === 'settings') {
    const focus = FOCUSES.find((f) => f === rest[0]) ?? null
    return { view: 'settings', focus }
  }
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
    case 'history':
      return '#history'
    case 'settings':
      return route.focus === null ? '#settings' : `#settings/${route.focus}`
    case 'logs':
      return route.runner === null ? '#logs' : `#logs/${encodeURIComponent(route.runner)}`
  }
}

/** Each view's name: its heading and its window or tab title. */
export function viewTitle(route: Route): string {
  switch (route.view) {
    case 'dashboard':
      return 'Dashboard'
    case 'history':
      return 'History'
    case 'settings':
      return 'Settings'
    case 'logs':
      return route.runner === null ? 'Logs' : `Logs of ${route.runner}`
  }
}

/** The document title of a view: the view first, so tabs and window lists tell them apart. */
export function documentTitle(route: Route): string {
  return `${viewTitle(route)} — RunnerDock`
}
