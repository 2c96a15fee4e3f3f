import type { PoolDescription } from '../../../common/arc/pool-description'
import { DEFAULT_IMAGE, effectiveMaxRunners, type Settings } from '../../../common/settings'
import { formatTarget, type Target } from '../../../common/target'
import { describeSettings } from '../../engine/arc/describe-pool'
import { discoverRepositories } from '../../engine/demand/discovery'
import { openGitHubSession } from '../../engine/github/github-session'
import { thisMachine } from '../../engine/pool-goal'
import { EXIT, type ConsoleIo } from '../../services/console-io'
import type { RealServices } from '../../services/real-services'
import type { CliCommand } from '../cli-args'
import type { PoolFlags } from '../pool-flags'
import { exportArc } from './export-arc'

type ExportCommand = Extract<CliCommand, { kind: 'export-arc' }>

/** The pool the flags describe (the same flags as `up`). */
export function describeFlags(
  apiUrl: string,
  pool: PoolFlags,
  targets: readonly Target[],
): PoolDescription {
  const machineMax = effectiveMaxRunners({ maxRunners: null }, thisMachine())
  return {
    apiUrl,
    targets,
    mode:
      pool.mode.kind === 'fixed'
        ? { kind: 'fixed', runners: pool.mode.runners }
        : { kind: 'on-demand', minIdle: pool.mode.minIdle, max: pool.mode.max ?? machineMax },
    labels: pool.labels,
    runnerGroup: pool.group,
    image: pool.image ?? DEFAULT_IMAGE,
    cpus: pool.cpus,
    memoryMb: pool.memoryMb,
    dockerAccess: pool.dockerAccess,
  }
}

/**
 * `runnerdock export arc`: the pool its flags describe (as `up` takes them), or the saved settings
 * when none are given, written as values files for ARC's gha-runner-scale-set chart and a guide.
 * With discovery (`--all-repos`, or discovery on in the settings) the repositories are found with
 * the saved token first, since ARC needs one scale set per repository.
 */
export async function exportCommand(
  io: ConsoleIo,
  services: RealServices,
  command: ExportCommand,
): Promise<number> {
  let settings: Settings | null = null
  if (!command.pool) {
    const read = await services.settings.read()
    if (!read.ok) return (io.err(read.error.message), EXIT.failed)
    settings = read.value.settings
  }
  const apiUrl = settings?.apiUrl ?? command.apiUrl
  const chosen = command.pool?.targets ?? settings?.targets ?? []
  const discover = command.pool ? command.pool.allRepos : (settings?.discoverRepositories ?? false)
  const targets = [...chosen]
  if (discover) {
    const session = await openGitHubSession(services.tokens, apiUrl)
    if (!session.ok)
      return (io.err(`Cannot look for repositories: ${session.error.message}`), EXIT.failed)
    const found = await discoverRepositories(session.value.github)
    if (!found.ok)
      return (io.err(`Cannot look for repositories: ${found.error.message}`), EXIT.failed)
    for (const d of found.value) {
      const t: Target = { kind: 'repo', owner: d.ref.owner, repo: d.ref.repo }
      if (!targets.some((c) => formatTarget(c).toLowerCase() === formatTarget(t).toLowerCase()))
        targets.push(t)
    }
    io.out(`Discovery found ${found.value.length} repositories that ask for self-hosted runners.`)
  }
  if (targets.length === 0)
    return (
      io.err(
        'Nothing to export: no target. Pass --target OWNER/REPO (or ORG), or choose targets in Settings.',
      ),
      EXIT.usage
    )
  const description = command.pool
    ? describeFlags(apiUrl, command.pool, targets)
    : describeSettings(settings!, targets)
  return exportArc(io, description, { outDir: command.out })
}
