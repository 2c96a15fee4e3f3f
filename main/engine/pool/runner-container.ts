import type { Target } from '../../../common/target'
import type { RunnerContainerSpec } from '../docker/docker-port'
import type { GitHubDeadlines } from './github-deadlines'
import type { PoolConfig } from './pool-config'
import type { PoolDeps, PoolNotice } from './pool-types'
import { removeContainerSurely } from './container-removal'
import { deleteRegistration } from './registration-delete'
import { mergeSpecExtras, type Attached, type RunnerSpecExtras } from './runner-attachments'
import { containerLabels } from './runner-labels'

// The two ends of a runner's container, apart from its life's bookkeeping (runner-life.ts): the
// spec it is made from, and what removing its traces takes (container, attachments, registration,
// in that order, so nothing a job may still use goes first).

/**
 * The container spec of one runner: the pool's settings (image, bounds, network), its labels and
 * JIT config, and what its attachments add (folders, proxy socket, caches). Pure.
 */
export function runnerSpec(
  config: PoolConfig,
  runner: {
    readonly name: string
    readonly target: Target
    readonly runnerId: number | null
    readonly jitConfig: string
    readonly extras: RunnerSpecExtras
  },
): RunnerContainerSpec {
  const base = {
    name: runner.name,
    image: config.image,
    jitConfig: runner.jitConfig,
    labels: containerLabels(config, runner.target, runner.name, runner.runnerId),
    cpus: config.cpus,
    memoryMb: config.memoryMb,
    pidsLimit: config.pidsLimit,
    networkMode: config.networkMode,
    dockerSocket: config.dockerAccess,
  }
  return { ...base, ...mergeSpecExtras(base, runner.extras) }
}

/** What removing a runner's traces needs of its pool. */
export interface TracesHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly deadlines: GitHubDeadlines
  note(level: PoolNotice['level'], runner: string | null, message: string): void
}

/** What could not be removed (the pool reports it and the stop check counts it). */
export interface Leftover {
  readonly container: boolean
  readonly registration: boolean
}

/**
 * Removes a runner's container (null: none to remove), then releases its attachments (only once
 * the container is gone: a job may still be writing to them), then deletes its registration (null:
 * keep it). Never throws: what is left is answered and said.
 */
export async function removeRunnerTraces(
  host: TracesHost,
  runner: {
    readonly name: string
    readonly target: Target
    readonly containerId: string | null
    readonly runnerId: number | null
    readonly attached: Attached | null
    readonly log: (message: string) => void
  },
): Promise<Leftover> {
  const { deps, config } = host
  let container = false
  if (runner.containerId) {
    const removed = await removeContainerSurely(deps.docker, runner.containerId, deps.clock)
    container = !removed.ok
    if (!removed.ok)
      host.note('warn', runner.name, `Could not remove its container: ${removed.error.message}`)
  }
  if (runner.attached && !container) {
    const released = await runner.attached.release()
    if (!released.ok) host.note('warn', runner.name, released.error)
  }
  let registration = false
  const { runnerId } = runner
  if (runnerId !== null) {
    const deleted = await host.deadlines.run((signal) =>
      deleteRegistration(deps.github, runner.target, runnerId, {
        clock: deps.clock,
        retryMs: config.deleteRetryMs,
        signal,
        stopping: host.deadlines.isStopping,
      }),
    )
    registration = !deleted.ok
    if (!deleted.ok) runner.log(`Its registration is left: ${deleted.error.message}`)
  }
  return { container, registration }
}
