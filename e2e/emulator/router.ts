// Route templates written as GitHub documents them (`/repos/{owner}/{repo}/...`), matched
// against request paths; the template doubles as the key for request statistics.

/** A route: method, GitHub-style template, and what answers it. */
export interface Route<H> {
  readonly method: string
  readonly template: string
  readonly handler: H
  /** The template's last parameter spans slashes (GitHub's `{path}` in the contents API). */
  readonly greedyLast?: boolean
}

/** A matched route with its decoded path parameters. */
export interface RouteMatch<H> {
  readonly route: Route<H>
  readonly params: Readonly<Record<string, string>>
}

interface Compiled<H> {
  readonly route: Route<H>
  readonly pattern: RegExp
  readonly names: readonly string[]
}

/** A list of routes compiled once. */
export class Router<H> {
  private readonly compiled: Compiled<H>[]

  constructor(routes: readonly Route<H>[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = []
      const parts = route.template.split('/')
      const source = parts
        .map((part, i) => {
          const name = /^\{(\w+)\}$/.exec(part)?.[1]
          if (!name) return part.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
          names.push(name)
          return route.greedyLast && i === parts.length - 1 ? '(.+?)' : '([^/]+)'
        })
        .join('/')
      return { route, pattern: new RegExp(`^${source}/?$`), names }
    })
  }

  /** The route for `method path`, or the reason there is none. */
  match(method: string, path: string): RouteMatch<H> | 'not-found' | 'method-not-allowed' {
    let pathMatched = false
    for (const { route, pattern, names } of this.compiled) {
      const found = pattern.exec(path)
      if (!found) continue
      pathMatched = true
      if (route.method !== method) continue
      const params: Record<string, string> = {}
      names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1] ?? '')))
      return { route, params }
    }
    return pathMatched ? 'method-not-allowed' : 'not-found'
  }
}
