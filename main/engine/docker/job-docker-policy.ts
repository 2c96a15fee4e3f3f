import { canonicalKeys, isObject, type JsonObject } from './go-json-keys'
import { HOST_FIELDS, hostConfigProblem } from './job-docker-host-config'
import { checkMounts, driverOptionsProblem, type PathTranslation } from './job-docker-mounts'
import { classifyJobRequest, type JobRoute } from './job-docker-routes'

// The decisions of the per-runner Docker proxy (job-docker-proxy.ts): what a job may ask of the
// daemon through the socket mounted into its runner. Everything a job creates is labelled with the
// runner it belongs to (so it goes with the runner); what would leave the job's bounds (privileged
// containers, host namespaces, host paths, devices, dangerous capabilities, other runners'
// containers) is refused with a message that says what to change. Pure: table-tested beside it.

/** Labels the proxy puts on everything a job creates. */
export const JOB_LABELS = {
  jobOf: 'dev.runnerdock.job-of',
  installation: 'dev.runnerdock.installation',
} as const

/** Jobs may not set labels of RunnerDock's own namespace (they would pass for runners). */
const OWN_LABEL_PREFIX = 'dev.runnerdock.'

/** Where one runner's jobs may go. */
export interface JobBounds {
  readonly runnerName: string
  readonly installationId: string
  /** The runner's work folder: the same absolute path on the host and in the runner. */
  readonly workFolder: string
  /** Sources the runner names that the daemon must find elsewhere (see job-docker-mounts.ts). */
  readonly translations: readonly PathTranslation[]
  /** Labels that mark the runner's own container, which its jobs may act on too. */
  readonly selfLabels: Readonly<Record<string, string>>
}

/** What the proxy knows of the object a request acts on: its labels, or that it does not exist. */
export type TargetFacts = { readonly labels: Readonly<Record<string, string>> } | 'missing'

/** What to do with a request. */
export type JobDockerDecision =
  | {
      readonly action: 'forward'
      /** A replacement URL (a prune scoped to the job's label). */
      readonly url?: string
      /**
       * The JSON body to send in place of the job's, for routes whose body is checked: the daemon
       * gets exactly what was checked, re-serialized (absent: an empty body).
       */
      readonly body?: unknown
      /** Host paths (inside the work folder) whose real path must stay inside it. */
      readonly hostPaths?: readonly string[]
    }
  | { readonly action: 'refuse'; readonly status: 400 | 403; readonly message: string }

/** One request as the proxy read it. `body` is the parsed JSON when the route needs it. */
export interface JobDockerRequest {
  readonly method: string
  readonly url: string
  readonly body?: unknown
  /** Facts about `classifyJobRequest(...).target`, when it has one. */
  readonly target?: TargetFacts
}

/** Prefix of every refusal, so a job's log says who refused and why. */
export const REFUSAL_PREFIX = 'RunnerDock refused this Docker request from a job:'

const CONFIG_FIELDS = ['Image', 'Labels', 'HostConfig', 'NetworkingConfig', 'User', 'Volumes']

/** Decides one request of a job (see the file comment). */
export function decideJobDockerRequest(
  request: JobDockerRequest,
  bounds: JobBounds,
): JobDockerDecision {
  const route = classifyJobRequest(request.method, request.url)
  if (route.kind === 'invalid') return refuse(`${route.why}.`, 400)
  if (route.kind === 'forbidden') return refuse(`${route.why}.`)
  if (route.target && request.target === undefined)
    return refuse(
      `it acts on ${route.target.kind} "${route.target.ref}", whose creator is unknown.`,
    )
  if (route.target && request.target !== undefined && request.target !== 'missing') {
    if (!owns(request.target.labels, bounds)) {
      const what = route.target.kind === 'exec' ? 'the exec session' : `the ${route.target.kind}`
      return refuse(
        `${what} "${route.target.ref}" was not created by this job; a job may act only on the containers, networks and volumes it created.`,
      )
    }
  }
  if (
    route.needsBody &&
    request.body !== undefined &&
    !isObject(request.body) &&
    request.body !== null
  )
    return refuse('its body is not a JSON object.', 400)
  const body = isObject(request.body) ? request.body : {}
  switch (route.kind) {
    case 'container-create':
      return containerCreate(body, bounds)
    case 'container-start':
      // Before API 1.24 a start could carry a HostConfig (privileged included): none is accepted.
      return Object.keys(body).length > 0
        ? refuse('a container start may not carry settings; give them when creating it.', 400)
        : { action: 'forward' }
    case 'exec-create': {
      const exec = canonicalKeys(body, ['Privileged'])
      if (exec.Privileged === true)
        return refuse(
          'privileged exec sessions control the host; run the command without --privileged.',
        )
      return { action: 'forward', body: exec }
    }
    case 'network-create':
      return networkCreate(body, bounds)
    case 'volume-create':
      return volumeCreate(body, bounds)
    case 'prune':
      return prune(route, bounds)
    case 'build': {
      const mode = route.query.get('networkmode') ?? ''
      if (mode === 'host' || mode.startsWith('container:') || mode.startsWith('ns:'))
        return refuse(`builds may not use --network ${mode}; build on the default network.`)
      return { action: 'forward' }
    }
    default:
      return { action: 'forward' }
  }
}

/** Whether a target belongs to this runner's job (or is the runner's own container). */
export function owns(labels: Readonly<Record<string, string>>, bounds: JobBounds): boolean {
  if (labels[JOB_LABELS.jobOf] === bounds.runnerName) return true
  const self = Object.entries(bounds.selfLabels)
  return self.length > 0 && self.every(([key, value]) => labels[key] === value)
}

function containerCreate(raw: JsonObject, bounds: JobBounds): JobDockerDecision {
  const config = canonicalKeys(raw, CONFIG_FIELDS)
  if (config.HostConfig !== undefined && config.HostConfig !== null && !isObject(config.HostConfig))
    return refuse('its HostConfig is not a JSON object.', 400)
  const host = canonicalKeys(isObject(config.HostConfig) ? config.HostConfig : {}, HOST_FIELDS)
  const problem = hostConfigProblem(host)
  if (problem) return refuse(problem)
  const mounts = checkMounts(host.Binds, host.Mounts, bounds)
  if (!mounts.ok) return refuse(`${mounts.message}.`)
  const hostConfig: JsonObject = { ...host }
  if (mounts.binds) hostConfig.Binds = mounts.binds
  if (mounts.mounts) hostConfig.Mounts = mounts.mounts
  return {
    action: 'forward',
    body: { ...config, Labels: labelled(config.Labels, bounds), HostConfig: hostConfig },
    hostPaths: mounts.hostPaths,
  }
}

function networkCreate(raw: JsonObject, bounds: JobBounds): JobDockerDecision {
  const body = canonicalKeys(raw, ['Driver', 'Labels', 'Options'])
  const driver = typeof body.Driver === 'string' ? body.Driver : ''
  if (!['', 'bridge'].includes(driver))
    return refuse(`jobs may create bridge networks only, not "${driver}" networks.`)
  if (isObject(body.Options) && 'com.docker.network.bridge.name' in body.Options)
    return refuse(
      'jobs may not choose the host bridge their network uses; leave its name to Docker.',
    )
  return { action: 'forward', body: { ...body, Labels: labelled(body.Labels, bounds) } }
}

function volumeCreate(raw: JsonObject, bounds: JobBounds): JobDockerDecision {
  const body = canonicalKeys(raw, ['Driver', 'DriverOpts', 'Labels'])
  const driver = typeof body.Driver === 'string' ? body.Driver : ''
  if (!['', 'local'].includes(driver))
    return refuse(`the volume driver "${driver}" is not allowed for jobs; use the default one.`)
  const problem = driverOptionsProblem(body.DriverOpts)
  if (problem) return refuse(`${problem}.`)
  return { action: 'forward', body: { ...body, Labels: labelled(body.Labels, bounds) } }
}

// A prune by a job reaches only what the job created: its label is added to the filters.
function prune(route: JobRoute, bounds: JobBounds): JobDockerDecision {
  if (route.pruned !== 'containers' && route.pruned !== 'networks' && route.pruned !== 'volumes')
    return { action: 'forward' }
  let filters: JsonObject = {}
  const given = route.query.get('filters')
  if (given) {
    try {
      const parsed: unknown = JSON.parse(given)
      if (!isObject(parsed)) throw new Error('not an object')
      filters = parsed
    } catch {
      return refuse('its filters are not valid JSON.', 400)
    }
  }
  const label = `${JOB_LABELS.jobOf}=${bounds.runnerName}`
  const existing = filters.label
  filters = {
    ...filters,
    label: Array.isArray(existing)
      ? [...existing, label]
      : isObject(existing)
        ? { ...existing, [label]: true }
        : [label],
  }
  const query = new URLSearchParams(route.query)
  query.set('filters', JSON.stringify(filters))
  return { action: 'forward', url: `${route.rawPath}?${query.toString()}` }
}

/** The job's labels minus RunnerDock's namespace, plus the runner it belongs to. */
function labelled(labels: unknown, bounds: JobBounds): Record<string, string> {
  const kept = Object.entries(isObject(labels) ? labels : {}).filter(
    ([key]) => !key.toLowerCase().startsWith(OWN_LABEL_PREFIX),
  )
  return {
    ...Object.fromEntries(kept.map(([k, v]) => [k, String(v)])),
    [JOB_LABELS.jobOf]: bounds.runnerName,
    [JOB_LABELS.installation]: bounds.installationId,
  }
}

function refuse(reason: string, status: 400 | 403 = 403): JobDockerDecision {
  return { action: 'refuse', status, message: `${REFUSAL_PREFIX} ${reason}` }
}
