// Which Docker API call a job's request is, read the way the daemon reads it (percent-decoded
// path, version prefix stripped), so the job proxy's policy cannot be walked around by spelling.
// Pure.

/** What a request does, as far as the job proxy's policy cares. */
export type JobRouteKind =
  | 'container-create'
  | 'container-start'
  | 'exec-create'
  | 'container-op'
  | 'exec-op'
  | 'network-create'
  | 'network-op'
  | 'volume-create'
  | 'volume-op'
  | 'prune'
  | 'build'
  | 'commit'
  | 'read'
  | 'allowed'
  | 'forbidden'
  | 'invalid'

/** An existing object the request acts on: the proxy looks up its labels before deciding. */
export interface JobTarget {
  readonly kind: 'container' | 'exec' | 'network' | 'volume'
  readonly ref: string
}

/** A classified request. */
export interface JobRoute {
  readonly kind: JobRouteKind
  /** The path without the version prefix, percent-decoded: "/containers/abc/start". */
  readonly path: string
  /** The path as sent ("/v1.41/containers/prune"), for a rewritten URL. */
  readonly rawPath: string
  readonly query: URLSearchParams
  /** The object it acts on, whose ownership must be checked; null when none. */
  readonly target: JobTarget | null
  /** Whether the policy reads the JSON body (the proxy then buffers it). */
  readonly needsBody: boolean
  /** For prune: what is pruned ("containers", "networks", "volumes", "images", "build"). */
  readonly pruned?: string
  /** Why an `invalid` or `forbidden` request is one. */
  readonly why?: string
}

const VERSION = /^\/v\d+(?:\.\d+)?(?=\/)/
// Collections whose mutations reach beyond one job: a swarm, plugins (installed with privileges).
const FORBIDDEN_MUTATIONS = /^\/(plugins|swarm|services|nodes|secrets|configs|tasks)(\/|$)/
// Mutations that act on images, the build cache or auth: shared, but not a way out of a job.
const ALLOWED_MUTATIONS = /^\/(?:images(?:\/|$)|build\/prune$|auth$|session$|grpc$|distribution\/)/

/** Classifies a request line. */
export function classifyJobRequest(method: string, rawUrl: string): JobRoute {
  const verb = method.toUpperCase()
  const queryAt = rawUrl.indexOf('?')
  const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt)
  const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1))
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return invalid(rawPath, rawPath, query, 'its path is not valid percent-encoding')
  }
  if (
    !decoded.startsWith('/') ||
    /\/\/|\/\.\.?(\/|$)|[\0\\]/.test(decoded) ||
    (decoded.length > 1 && decoded.endsWith('/'))
  )
    return invalid(decoded, rawPath, query, 'its path is not in plain form')
  const path = decoded.replace(VERSION, '')
  const parts = path.split('/').slice(1)
  const route = (
    kind: JobRouteKind,
    target: JobTarget | null = null,
    needsBody = false,
    extra: Partial<JobRoute> = {},
  ): JobRoute => ({ kind, path, rawPath, query, target, needsBody, ...extra })
  const mutating = verb !== 'GET' && verb !== 'HEAD'
  const [collection, ref, action] = parts

  if (collection === 'containers') {
    if (ref === 'create' && verb === 'POST' && parts.length === 2)
      return route('container-create', null, true)
    if (ref === 'prune' && verb === 'POST')
      return route('prune', null, false, { pruned: 'containers' })
    if (ref === 'json' && parts.length === 2) return route('read')
    if (ref === undefined || ref === '') return route(mutating ? 'forbidden' : 'read')
    const target: JobTarget = { kind: 'container', ref }
    if (verb === 'POST' && action === 'start' && parts.length === 3)
      return route('container-start', target, true)
    if (verb === 'POST' && action === 'exec' && parts.length === 3)
      return route('exec-create', target, true)
    return route('container-op', target)
  }
  if (collection === 'exec' && ref) return route('exec-op', { kind: 'exec', ref })
  if (collection === 'networks') {
    if (ref === 'create' && verb === 'POST') return route('network-create', null, true)
    if (ref === 'prune' && verb === 'POST')
      return route('prune', null, false, { pruned: 'networks' })
    if (!mutating || !ref) return route(mutating ? 'forbidden' : 'read')
    return route('network-op', { kind: 'network', ref })
  }
  if (collection === 'volumes') {
    if (ref === 'create' && verb === 'POST') return route('volume-create', null, true)
    if (ref === 'prune' && verb === 'POST')
      return route('prune', null, false, { pruned: 'volumes' })
    if (!mutating || !ref) return route(mutating ? 'forbidden' : 'read')
    return route('volume-op', { kind: 'volume', ref })
  }
  if (collection === 'build' && parts.length === 1 && verb === 'POST') return route('build')
  if (collection === 'commit' && verb === 'POST') {
    const container = query.get('container')
    return route('commit', container ? { kind: 'container', ref: container } : null)
  }
  if (!mutating) return route('read')
  if (FORBIDDEN_MUTATIONS.test(path))
    return route('forbidden', null, false, {
      why: `${verb} ${path} changes the whole Docker host (plugins, swarm)`,
    })
  if (ALLOWED_MUTATIONS.test(path)) return route('allowed')
  return route('forbidden', null, false, {
    why: `${verb} ${path} is not passed on to Docker for jobs`,
  })
}

function invalid(path: string, rawPath: string, query: URLSearchParams, why: string): JobRoute {
  return { kind: 'invalid', path, rawPath, query, target: null, needsBody: false, why }
}
