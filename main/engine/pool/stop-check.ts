import type { ContainerLeft, RegistrationLeft, StopReport } from '../../../common/stop-report'
import { formatTarget, type Target } from '../../../common/target'
import type { PoolConfig } from './pool-config'
import type { PoolDeps } from './pool-types'
import type { GitHubDeadlines } from './github-deadlines'
import type { PoolLanes } from './pool-lanes'
import { removeContainerSurely } from './container-removal'
import { LABELS, runnerNamePrefix } from './runner-labels'

/** What the final check needs of the pool. */
export interface StopCheckHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly deadlines: GitHubDeadlines
  readonly lanes: PoolLanes
}

/**
 * After the last runner is gone, asks Docker and GitHub what is really left (never trusting what
 * was attempted), removes what it still can within the stop's bounds, records registrations
 * GitHub would not let go of for the next start, and reports the rest.
 */
export async function checkLeftovers(host: StopCheckHost): Promise<StopReport> {
  const [docker, github] = await Promise.all([leftContainers(host), leftRegistrations(host)])
  return {
    at: host.deps.clock.now(),
    containersLeft: docker.left,
    dockerChecked: docker.checked,
    registrationsLeft: github.left,
    githubChecked: github.checked,
  }
}

async function leftContainers(
  host: StopCheckHost,
): Promise<{ left: ContainerLeft[]; checked: boolean }> {
  const { docker } = host.deps
  const listed = await docker.list({ [LABELS.installation]: host.config.installationId })
  if (!listed.ok) return { left: [], checked: false }
  const left: ContainerLeft[] = []
  for (const info of listed.value) {
    const removed = await removeContainerSurely(docker, info.id, host.deps.clock)
    if (removed.ok) continue
    left.push({
      id: info.id,
      name: info.labels[LABELS.runner] ?? info.name,
      state: info.state,
      problem: removed.error.message,
    })
  }
  return { left, checked: true }
}

async function leftRegistrations(
  host: StopCheckHost,
): Promise<{ left: RegistrationLeft[]; checked: boolean }> {
  const results = await Promise.all(host.lanes.all().map((lane) => leftOnTarget(host, lane.target)))
  return {
    left: results.flatMap((r) => r.left),
    checked: results.every((r) => r.checked),
  }
}

/** One target's registrations of ours still on GitHub: each is deleted if GitHub lets us now. */
async function leftOnTarget(
  host: StopCheckHost,
  target: Target,
): Promise<{ left: RegistrationLeft[]; checked: boolean }> {
  const { config, deps, deadlines } = host
  const sameTarget = (p: { target: Target }) => formatTarget(p.target) === formatTarget(target)
  const pending = (await deps.pending.list()).filter(
    (p) => p.apiUrl === config.apiUrl && sameTarget(p),
  )
  const listed = await deadlines.run((signal) => deps.github.listRunners(target, { signal }))
  if (!listed.ok) {
    const problem = `not checked: ${listed.error.message}`
    return {
      left: pending.map((p) => ({ id: p.runnerId, name: p.name, target: p.target, problem })),
      checked: false,
    }
  }
  const prefix = runnerNamePrefix(config.installationId)
  const ours = listed.value.runners.filter((r) => r.name.startsWith(prefix))
  const left: RegistrationLeft[] = []
  for (const runner of ours) {
    const deleted = await deadlines.run((signal) =>
      deps.github.deleteRunner(target, runner.id, { signal }),
    )
    if (deleted.ok) continue
    left.push({ id: runner.id, name: runner.name, target, problem: deleted.error.message })
    await deps.pending.add([
      {
        apiUrl: config.apiUrl,
        target,
        runnerId: runner.id,
        name: runner.name,
        since: deps.clock.now(),
      },
    ])
  }
  // Pending entries of this target that GitHub no longer lists are done.
  const stillListed = new Set(left.map((l) => l.id))
  const done = pending.filter((p) => !stillListed.has(p.runnerId))
  if (done.length > 0) await deps.pending.remove(done)
  return { left, checked: true }
}
