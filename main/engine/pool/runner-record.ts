import type {
  Activity,
  ContainerState,
  RegistrationState,
  RunnerView,
} from '../../../common/pool-status'
import type { Subscription } from '../docker/docker-port'

/** The engine's private record of one runner; `jitConfig` never leaves the engine. */
export interface RunnerRecord {
  readonly name: string
  runnerId: number | null
  containerId: string | null
  jitConfig: string | null
  container: ContainerState
  registration: RegistrationState
  activity: Activity
  retiring: boolean
  readonly createdAt: number
  onlineAt: number | null
  lastResult: string | null
  /** Set once exit handling began, so a die event and a log end do not both run it. */
  exiting: boolean
  /** Last log line time seen, to resume following after Docker comes back without repeats. */
  lastLogTime: number
  /** The last stderr line, quoted when a runner fails before coming online. */
  lastError: string | null
  logs: Subscription | null
  /** Called when the log follow ends: exit handling waits for the last lines before removing. */
  logWaiters: Array<() => void>
  onlineTimer: ReturnType<typeof setTimeout> | null
}

/** A new record for a runner about to be registered. */
export function newRecord(name: string, now: number): RunnerRecord {
  return {
    name,
    runnerId: null,
    containerId: null,
    jitConfig: null,
    container: 'creating',
    registration: 'pending',
    activity: { kind: 'starting', since: now },
    retiring: false,
    createdAt: now,
    onlineAt: null,
    lastResult: null,
    exiting: false,
    lastLogTime: 0,
    lastError: null,
    logs: null,
    logWaiters: [],
    onlineTimer: null,
  }
}

/** The UI's view of a record: plain data, no secrets, no handles. */
export function toView(r: RunnerRecord): RunnerView {
  return {
    name: r.name,
    runnerId: r.runnerId,
    containerId: r.containerId,
    container: r.container,
    registration: r.registration,
    activity: r.activity,
    retiring: r.retiring,
    createdAt: r.createdAt,
    onlineAt: r.onlineAt,
    lastResult: r.lastResult,
  }
}

/** Docker labels that mark a container as ours, and which pool and runner it serves. */
export const LABELS = {
  installation: 'dev.runnerdock.installation',
  pool: 'dev.runnerdock.pool',
  runner: 'dev.runnerdock.runner',
  runnerId: 'dev.runnerdock.runner-id',
  apiUrl: 'dev.runnerdock.api-url',
} as const

/** Runner names carry the installation id, so recovery knows ours from anyone else's. */
export function runnerNamePrefix(installationId: string): string {
  return `rd-${installationId}-`
}

/** A GitHub label that tags every runner of this installation (jobs may also target it). */
export function installationLabel(installationId: string): string {
  return `runnerdock-${installationId}`
}

/** The states a container is in while it counts as present. */
export function isLive(
  state: ContainerState,
): state is Extract<ContainerState, 'creating' | 'running'> {
  return state === 'creating' || state === 'running'
}

/** Resolves when the record's log follow ends (its last lines are in), or after `timeoutMs`. */
export function logEnd(record: RunnerRecord, timeoutMs: number): Promise<void> {
  if (!record.logs) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    record.logWaiters.push(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}
