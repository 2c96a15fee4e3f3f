import { promises as fsp } from 'node:fs'
import type Dockerode from 'dockerode'
import { err, ok, type Result } from '../../../common/result'
import type { DockerContext } from './docker-call'
import { httpStatus } from './docker-errors'
import { labelFilters } from './docker-events'
import { invalidImage, isImageReference } from './docker-image'
import type { ContainerInfo, DockerFailure, RunnerContainerSpec } from './docker-port'

/** Reads a socket's owning group; `fs.promises.stat` in production. */
export type StatSocket = (socketPath: string) => Promise<{ gid: number }>

/** Where the official runner image starts a JIT runner (actions/runner images/Dockerfile). */
export const RUNNER_COMMAND = ['/home/runner/run.sh']

/** The variable run.sh reads the one-time config from (every argument works as ACTIONS_RUNNER_INPUT_<NAME>). */
export const JIT_CONFIG_ENV = 'ACTIONS_RUNNER_INPUT_JITCONFIG'

/** The work folder for runner images whose entrypoint reads it (the official one does not). */
export const WORKDIR_ENV = 'RUNNER_WORKDIR'

// moby daemon/names.go RestrictedNamePattern.
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

const STATES: ReadonlySet<ContainerInfo['state']> = new Set([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
])

/** Checks a spec before it reaches Docker; null when it is fine, else a failure naming the field. */
export function validateRunnerSpec(spec: RunnerContainerSpec): DockerFailure | null {
  const invalid = (message: string, detail: string): DockerFailure => ({
    kind: 'other',
    message,
    detail,
  })
  if (!CONTAINER_NAME.test(spec.name)) {
    return invalid(
      `"${spec.name}" is not a container name Docker accepts (letters, digits, "_", "." and "-", starting with a letter or digit).`,
      `invalid container name ${JSON.stringify(spec.name)}`,
    )
  }
  if (!isImageReference(spec.image)) return invalidImage(spec.image)
  if (spec.jitConfig === '') {
    return invalid('The runner has no registration config, so it cannot start.', 'empty jitConfig')
  }
  if (spec.cpus !== null && !(Number.isFinite(spec.cpus) && spec.cpus > 0)) {
    return invalid(
      'The CPU limit must be a number above 0. Fix it in Settings.',
      `cpus=${spec.cpus}`,
    )
  }
  // Docker refuses less than 6 MiB (moby daemon/daemon_unix.go linuxMinMemory).
  if (spec.memoryMb !== null && !(Number.isFinite(spec.memoryMb) && spec.memoryMb >= 6)) {
    return invalid(
      'The memory limit must be at least 6 MB. Fix it in Settings.',
      `memoryMb=${spec.memoryMb}`,
    )
  }
  for (const key of Object.keys(spec.labels)) {
    if (key === '') return invalid('A container label has an empty name.', 'empty label key')
  }
  for (const [field, value] of [
    ['work folder', spec.workFolder],
    ['Docker socket source', spec.dockerSocketSource],
  ] as const)
    if (value !== undefined && !(value.startsWith('/') && !value.includes(':')))
      return invalid(
        `The runner's ${field} must be an absolute path without a colon.`,
        `${field}=${value}`,
      )
  for (const entry of spec.env ?? [])
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(entry) || entry.startsWith(`${JIT_CONFIG_ENV}=`))
      return invalid(
        `"${entry.split('=')[0]}" is not an environment entry a runner may get.`,
        entry,
      )
  for (const bind of spec.extraBinds ?? [])
    if (!/^[^:]+:\/[^:]*(:[a-zA-Z,]+)?$/.test(bind))
      return invalid(`"${bind}" is not a bind mount ("source:/target[:options]").`, `bind=${bind}`)
  return null
}

/**
 * The create request for one runner: no restart policy (a JIT config works once, so a restarted
 * runner is a zombie), limits, and optionally the host's Docker socket with its group added
 * (myoung34/docker-github-actions-runner #227: the image's docker gid differs from the host's).
 */
export function runnerCreateOptions(
  spec: RunnerContainerSpec,
  socket: { hostPath: string; gid: number | null } | null,
): Dockerode.ContainerCreateOptions {
  const hostConfig: Dockerode.HostConfig = {
    RestartPolicy: { Name: 'no' },
    AutoRemove: false,
  }
  if (spec.cpus !== null) hostConfig.NanoCpus = Math.round(spec.cpus * 1e9)
  if (spec.memoryMb !== null) {
    hostConfig.Memory = Math.round(spec.memoryMb * 1024 * 1024)
    // The limit is the limit: no extra swap on top (Docker's default doubles it with swap).
    hostConfig.MemorySwap = hostConfig.Memory
  }
  if (spec.pidsLimit) hostConfig.PidsLimit = spec.pidsLimit
  // The container's own log is rotated: a job printing without end cannot fill the disk.
  hostConfig.LogConfig = { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } }
  if (spec.networkMode !== null && spec.networkMode !== '')
    hostConfig.NetworkMode = spec.networkMode
  const binds: string[] = []
  if (socket) {
    binds.push(`${socket.hostPath}:/var/run/docker.sock`)
    if (socket.gid !== null) hostConfig.GroupAdd = [String(socket.gid)]
  }
  // Same path inside as outside: a job's `-v <workspace>:…` is resolved by the daemon on the host.
  if (spec.workFolder) binds.push(`${spec.workFolder}:${spec.workFolder}`)
  binds.push(...(spec.extraBinds ?? []))
  if (binds.length > 0) hostConfig.Binds = binds
  if (spec.privateCgroupns) Object.assign(hostConfig, { CgroupnsMode: 'private' })
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: [...RUNNER_COMMAND],
    Env: [
      `${JIT_CONFIG_ENV}=${spec.jitConfig}`,
      ...(spec.workFolder ? [`${WORKDIR_ENV}=${spec.workFolder}`] : []),
      ...(spec.env ?? []),
    ],
    Labels: { ...spec.labels },
    Tty: false,
    HostConfig: hostConfig,
  }
}

/** Creates and starts a runner; a container that was created but would not start is removed. */
export async function runRunner(
  context: DockerContext,
  spec: RunnerContainerSpec,
  statSocket: StatSocket = fsp.stat,
): Promise<Result<{ id: string }, DockerFailure>> {
  const invalid = validateRunnerSpec(spec)
  if (invalid) return err(invalid)
  const secrets = [spec.jitConfig]
  let socket: { hostPath: string; gid: number | null } | null = null
  if (spec.dockerSocket && spec.dockerSocketSource) {
    socket = { hostPath: spec.dockerSocketSource, gid: null }
  } else if (spec.dockerSocket) {
    // A remote daemon's socket cannot be inspected from here: mount its default path, add no group.
    const local = context.connection.socketPath
    const gid =
      local === null
        ? null
        : await statSocket(local).then(
            (s) => s.gid,
            () => null,
          )
    socket = { hostPath: local ?? '/var/run/docker.sock', gid }
  }
  const created = await context.call(
    'create the runner container',
    (signal) =>
      context.docker.createContainer({ ...runnerCreateOptions(spec, socket), abortSignal: signal }),
    { secrets },
  )
  if (!created.ok) {
    // A create that timed out may still happen on the daemon's side: clean up by name.
    if (created.error.kind === 'timeout') void removeContainer(context, spec.name)
    return created
  }
  const container = created.value
  const started = await context.call(
    'start the runner container',
    (signal) => container.start({ abortSignal: signal }),
    { secrets },
  )
  if (!started.ok) {
    await removeContainer(context, container.id)
    return started
  }
  return ok({ id: container.id })
}

/**
 * Force-removes a container with its anonymous volumes; one already gone counts as done. A removal
 * already in progress is reported as a conflict, not as done: the caller looks again
 * (`removeContainerSurely`), because "in progress" can still fail.
 */
export async function removeContainer(
  context: DockerContext,
  id: string,
): Promise<Result<void, DockerFailure>> {
  const removed = await context.call('remove the runner container', (signal) =>
    context.docker
      .getContainer(id)
      .remove({ force: true, v: true, abortSignal: signal })
      .then(
        () => 'removed' as const,
        (error: unknown) => {
          const status = httpStatus(error)
          const text = error instanceof Error ? error.message : ''
          if (status === 404 || /no such container/i.test(text)) return 'gone' as const
          throw error
        },
      ),
  )
  return removed.ok ? ok(undefined) : removed
}

/** Stops a container (SIGTERM, SIGKILL after the grace period); stopped or gone counts as done. */
export async function stopContainer(
  context: DockerContext,
  id: string,
  graceSeconds: number,
): Promise<Result<void, DockerFailure>> {
  const grace = Math.max(0, Math.round(graceSeconds))
  const stopped = await context.call(
    'stop the runner container',
    (signal) =>
      context.docker
        .getContainer(id)
        .stop({ t: grace, abortSignal: signal })
        .then(
          () => 'stopped' as const,
          (error: unknown) => {
            const status = httpStatus(error)
            if (status === 304 || status === 404) return 'already' as const
            throw error
          },
        ),
    // The daemon answers only after the grace period (and the kill) have passed.
    { timeoutMs: context.callTimeoutMs + grace * 1000 },
  )
  return stopped.ok ? ok(undefined) : stopped
}

/** Lists our containers, running or not, in one cheap call (no inspect per container). */
export async function listContainers(
  context: DockerContext,
  labels: Readonly<Record<string, string>>,
): Promise<Result<ContainerInfo[], DockerFailure>> {
  const filters = labelFilters(labels)
  const listed = await context.call('list the runner containers', (signal) =>
    context.docker.listContainers({
      all: true,
      ...(filters.length > 0 ? { filters: { label: filters } } : {}),
      abortSignal: signal,
    }),
  )
  if (!listed.ok) return listed
  return ok(listed.value.map(toContainerInfo))
}

/** Maps one `GET /containers/json` entry; the exit code comes from the Status text. */
export function toContainerInfo(entry: Dockerode.ContainerInfo): ContainerInfo {
  const state = STATES.has(entry.State as ContainerInfo['state'])
    ? (entry.State as ContainerInfo['state'])
    : 'dead'
  return {
    id: entry.Id,
    name: (entry.Names?.[0] ?? '').replace(/^\//, ''),
    labels: { ...(entry.Labels ?? {}) },
    state,
    createdAt: entry.Created * 1000,
    exitCode: state === 'exited' ? exitCodeFromStatus(entry.Status) : null,
  }
}

/** Reads the code from Docker's status text: "Exited (137) 5 seconds ago" gives 137. */
export function exitCodeFromStatus(status: string): number | null {
  const match = /^Exited \((-?\d+)\)/.exec(status)
  return match?.[1] === undefined ? null : Number(match[1])
}
