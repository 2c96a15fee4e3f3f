import { parseTarget, type Target } from '../../../common/target'
import type { RunnerPhase } from '../../../common/runner-machine'
import type { ContainerInfo } from '../docker/docker-port'
import type { RegisteredRunner } from '../github/github-port'
import { LABELS } from './runner-labels'

/** What recovery knows of a runner the pool already follows. */
export interface KnownRunner {
  readonly phase: RunnerPhase
  readonly containerId: string | null
  readonly following: boolean
}

/** A container of ours to remove, and the registration to delete with it when we can tell. */
export interface Discard {
  readonly container: ContainerInfo
  readonly registration: { readonly target: Target; readonly runnerId: number } | null
}

/** What to do so the pool matches what Docker holds. */
export interface RecoveryPlan {
  /** Our running containers of one of this pool's targets that no runner follows: adopt them. */
  readonly adopt: readonly ContainerInfo[]
  /** Ours but useless (exited, or of another pool): remove them. */
  readonly discard: readonly Discard[]
  /** Followed runners whose container stopped or vanished while we were not looking. */
  readonly exited: readonly string[]
  /** Followed runners whose log stream broke (Docker went away): follow again. */
  readonly refollow: readonly string[]
}

const HAS_CONTAINER: readonly RunnerPhase[] = ['starting', 'idle', 'busy', 'finished', 'retiring']

/**
 * Compares Docker's containers of this installation with the runners the pool follows. Pure: the
 * pool applies the plan. Containers without our installation label are never listed, so never
 * touched.
 */
export function planRecovery(input: {
  readonly containers: readonly ContainerInfo[]
  readonly known: ReadonlyMap<string, KnownRunner>
  /** The pool labels of the targets this pool serves. */
  readonly poolKeys: ReadonlySet<string>
  /** The hash of today's settings: a container made with other settings is not adopted. */
  readonly settingsHash: string
  readonly apiUrl: string
  /** False when runners depend on this process (a Docker proxy): an earlier one's cannot be adopted. */
  readonly adoptable: boolean
  /**
   * This process's session label: a helper container (no runner label) of another session was left
   * by a process that died while it ran, so nobody will read or remove it.
   */
  readonly session: string
}): RecoveryPlan {
  const adopt: ContainerInfo[] = []
  const discard: Discard[] = []
  const exited: string[] = []
  const refollow: string[] = []
  const seen = new Set<string>()
  for (const info of input.containers) {
    const name = info.labels[LABELS.runner]
    if (!name) {
      if (isOrphanedHelper(info, input.session))
        discard.push({ container: info, registration: null })
      continue
    }
    seen.add(name)
    const known = input.known.get(name)
    if (known) {
      if (info.state !== 'running') exited.push(name)
      else if (!known.following && HAS_CONTAINER.includes(known.phase)) refollow.push(name)
      continue
    }
    const ours = input.poolKeys.has(info.labels[LABELS.pool] ?? '')
    const same = info.labels[LABELS.settings] === input.settingsHash
    if (ours && same && input.adoptable && info.state === 'running') adopt.push(info)
    else discard.push({ container: info, registration: registrationOf(info, input.apiUrl) })
  }
  for (const [name, known] of input.known)
    if (known.containerId && HAS_CONTAINER.includes(known.phase) && !seen.has(name))
      exited.push(name)
  return { adopt, discard, exited, refollow }
}

/**
 * Whether a container is a helper (labelled with a probe, never a runner) that another process
 * made: a process removes its own helpers once they end (or, failing that, at its stop check), so
 * another session's was left by a process that died or could not remove it.
 */
function isOrphanedHelper(info: ContainerInfo, session: string): boolean {
  return Boolean(info.labels[LABELS.probe]) && info.labels[LABELS.session] !== session
}

/** The registration a container's labels name, when it belongs to the same GitHub. */
export function registrationOf(info: ContainerInfo, apiUrl: string): Discard['registration'] {
  const runnerId = Number(info.labels[LABELS.runnerId])
  const poolLabel = info.labels[LABELS.pool] ?? ''
  const slash = poolLabel.indexOf('/')
  const target = slash < 0 ? null : parseTarget(poolLabel.slice(slash + 1))
  if (!Number.isInteger(runnerId) || runnerId <= 0 || !target?.ok) return null
  if (info.labels[LABELS.apiUrl] !== apiUrl) return null
  return { target: target.value, runnerId }
}

/** What the sweep of GitHub's runner list found. */
export interface SweepPlan {
  /** Offline, idle registrations of ours that no runner serves: delete them. */
  readonly stale: readonly RegisteredRunner[]
  /** Runners of ours GitHub no longer lists (deleted there): tell them. */
  readonly gone: readonly string[]
}

/**
 * Compares GitHub's runner list with the pool's runners. Registrations with our prefix that no
 * runner serves and that are offline and idle are stale (a runner that died before it could
 * deregister, docs/github-facts.md, known complaint 1); runners GitHub no longer lists have lost
 * their registration. Spares are ours but not yet started: never stale.
 */
export function planSweep(input: {
  readonly listed: readonly RegisteredRunner[]
  readonly prefix: string
  readonly known: ReadonlyMap<
    string,
    { phase: RunnerPhase; runnerId: number | null; onlineAt: number | null }
  >
  readonly spares: ReadonlySet<string>
  /** Only runners online before the list was asked for can be missing from it. */
  readonly listedAt: number
}): SweepPlan {
  const present = new Set<string>()
  const stale: RegisteredRunner[] = []
  for (const runner of input.listed) {
    if (!runner.name.startsWith(input.prefix) || input.spares.has(runner.name)) continue
    present.add(runner.name)
    if (!input.known.has(runner.name) && runner.status === 'offline' && !runner.busy)
      stale.push(runner)
  }
  const gone: string[] = []
  for (const [name, known] of input.known)
    if (
      known.runnerId !== null &&
      !present.has(name) &&
      known.onlineAt !== null &&
      known.onlineAt < input.listedAt &&
      HAS_CONTAINER.includes(known.phase)
    )
      gone.push(name)
  return { stale, gone }
}
