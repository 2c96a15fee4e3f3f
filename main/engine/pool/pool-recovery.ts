import type { PoolConfig } from './pool-config'
import { poolKey } from './pool-config'
import type { PoolDeps, PoolNotice } from './pool-types'
import type { GitHubFailure } from '../github/github-failure'
import type { ContainerInfo } from '../docker/docker-port'
import { LABELS, PROCESS_SESSION, runnerNamePrefix } from './runner-labels'
import { removeContainerSurely } from './container-removal'
import { planRecovery, planSweep, type Discard } from './recovery-plan'
import type { RunnerLife } from './runner-life'
import type { GitHubDeadlines } from './github-deadlines'
import type { PoolLanes } from './pool-lanes'
import type { TargetLane } from './target-lane'

/** What recovery needs of the pool (the pool implements it; recovery never imports the Pool). */
export interface RecoveryHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly runners: ReadonlyMap<string, RunnerLife>
  readonly deadlines: GitHubDeadlines
  readonly lanes: PoolLanes
  /** Names of spare registrations (ours, not yet started: never stale). */
  spareNames(): ReadonlySet<string>
  /** Adopts a container if it serves one of the pool's targets; false when it does not. */
  adopt(info: ContainerInfo): boolean
  gitHubFailed(failure: GitHubFailure, lane?: TargetLane | null): void
  note(level: PoolNotice['level'], runner: string | null, message: string): void
  changed(): void
}

/**
 * Brings the pool in line with what Docker holds: at start (an earlier run crashed or the machine
 * rebooted) and after Docker comes back. Our running containers of this pool are adopted; exited
 * ones and ones of another pool are removed with their registrations; runners whose container
 * stopped or vanished meanwhile are told. Then GitHub's list is swept, and registrations an
 * earlier stop could not delete are deleted.
 */
export async function recover(host: RecoveryHost): Promise<void> {
  const { config, deps } = host
  const listed = await deps.docker.list({ [LABELS.installation]: config.installationId })
  if (!listed.ok) return
  const known = new Map(
    [...host.runners].map(([name, life]) => [
      name,
      {
        phase: life.current.phase,
        containerId: life.current.containerId,
        following: life.following,
      },
    ]),
  )
  const plan = planRecovery({
    containers: listed.value,
    known,
    poolKeys: new Set(
      host.lanes
        .all()
        .filter((l) => !l.leaving)
        .map((l) => poolKey(config.apiUrl, l.target)),
    ),
    apiUrl: config.apiUrl,
    settingsHash: config.settingsHash,
    adoptable: deps.attachments?.adoptable ?? true,
    session: PROCESS_SESSION,
  })
  for (const name of plan.exited) host.runners.get(name)?.send({ kind: 'exited', exitCode: null })
  for (const name of plan.refollow) host.runners.get(name)?.follow()
  for (const info of plan.adopt) host.adopt(info)
  for (const discard of plan.discard) await discardContainer(host, discard)
  // Folders, proxies and job containers of runners that are gone (a crash skipped their release).
  // Spares' attachments are made ahead of their runners: they are live too.
  const live = new Set([...host.runners.keys(), ...host.spareNames()])
  const swept = await deps.attachments?.sweep(live)
  if (swept && !swept.ok) host.note('warn', null, swept.error)
  await finishPendingRegistrations(host)
  await sweepRegistrations(host)
}

async function discardContainer(host: RecoveryHost, { container, registration }: Discard) {
  const removed = await removeContainerSurely(host.deps.docker, container.id, host.deps.clock)
  if (!removed.ok) return
  const name = container.labels[LABELS.runner]
  if (!name) {
    host.note(
      'info',
      null,
      `Removed a helper container an earlier session left (${container.name}).`,
    )
    return
  }
  let outcome = 'kept (it belongs to another GitHub)'
  if (registration) {
    const deleted = await host.deadlines.run((signal) =>
      host.deps.github.deleteRunner(registration.target, registration.runnerId, { signal }),
    )
    outcome = deleted.ok ? 'removed' : 'could not be removed'
    if (!deleted.ok)
      await host.deps.pending.add([
        { apiUrl: host.config.apiUrl, ...registration, name, since: host.deps.clock.now() },
      ])
  }
  host.note(
    'info',
    name,
    `Removed a ${container.state} runner container left by an earlier session (registration ${outcome}).`,
  )
}

/** Deletes registrations that an earlier stop could not (GitHub did not answer in time). */
export async function finishPendingRegistrations(host: RecoveryHost): Promise<void> {
  const pending = (await host.deps.pending.list()).filter((p) => p.apiUrl === host.config.apiUrl)
  const done: typeof pending = []
  for (const entry of pending) {
    const deleted = await host.deadlines.run((signal) =>
      host.deps.github.deleteRunner(entry.target, entry.runnerId, { signal }),
    )
    if (deleted.ok) done.push(entry)
  }
  if (done.length === 0) return
  await host.deps.pending.remove(done)
  host.note(
    'info',
    null,
    `Deleted ${done.length} runner registration${done.length === 1 ? '' : 's'} that an earlier stop could not.`,
  )
}

/**
 * Compares each target's runner list on GitHub with ours (conditional requests: a quiet pool
 * costs no rate limit): deletes stale registrations of ours, and tells runners GitHub no longer
 * lists.
 */
export async function sweepRegistrations(host: RecoveryHost): Promise<void> {
  for (const lane of host.lanes.all()) await sweepLane(host, lane)
  host.changed()
}

async function sweepLane(host: RecoveryHost, lane: TargetLane): Promise<void> {
  const { config, deps } = host
  const listedAt = deps.clock.now()
  const listed = await host.deadlines.run((signal) =>
    deps.github.listRunners(lane.target, { signal }),
  )
  if (!listed.ok) {
    if (listed.error.kind === 'unauthorized') host.gitHubFailed(listed.error)
    else host.note('warn', null, `Could not check runner registrations: ${listed.error.message}`)
    return
  }
  if (!listed.value.changed) return
  const known = new Map(
    [...host.runners]
      .filter(([, life]) => life.laneKey === lane.key)
      .map(([name, life]) => [
        name,
        {
          phase: life.current.phase,
          runnerId: life.current.runnerId,
          onlineAt: life.current.onlineAt,
        },
      ]),
  )
  const plan = planSweep({
    listed: listed.value.runners,
    prefix: runnerNamePrefix(config.installationId),
    known,
    spares: host.spareNames(),
    listedAt,
  })
  for (const name of plan.gone) host.runners.get(name)?.send({ kind: 'registration-deleted' })
  for (const runner of plan.stale) {
    const deleted = await host.deadlines.run((signal) =>
      deps.github.deleteRunner(lane.target, runner.id, { signal }),
    )
    if (!deleted.ok) continue
    await deps.pending.remove([{ apiUrl: config.apiUrl, runnerId: runner.id }])
    host.note(
      'info',
      runner.name,
      'Removed a stale offline registration left by an earlier session.',
    )
  }
}
