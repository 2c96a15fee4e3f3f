import type { DisposableStore } from '../../../common/disposables'
import { runnerLabelSet } from '../../../common/runner-labels'
import type { ContainerEvent, DockerFailure } from '../docker/docker-port'
import type { CreationGate } from './creation-gate'
import type { HealthBoard } from './health-board'
import { GITHUB_RETRY_MS, okCheck, problemCheck } from './pool-health'
import { recover, sweepRegistrations, type RecoveryHost } from './pool-recovery'
import { LABELS } from './runner-labels'
import { ImageRefresh } from './image-refresh'
import { installationNetwork } from '../../../common/container-limits'

/** Docker's own network modes, which always exist. */
const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none', 'default'])
import type { PoolLanes } from './pool-lanes'
import type { TargetLane } from './target-lane'

/** What preparation needs of the pool. */
export interface PreparationHost extends RecoveryHost {
  readonly gate: CreationGate
  readonly health: HealthBoard
  readonly disposables: DisposableStore
  readonly lanes: PoolLanes
  /** Whether the pool runs (a stopped pool prepares nothing). */
  readonly active: boolean
  reconcile(): void
  dockerEvent(event: ContainerEvent): void
  dockerErrored(kind: DockerFailure['kind']): void
  /** Checks a lane with GitHub; resolves once done (the lane's own hold says if it failed). */
  prepareLane(lane: TargetLane): Promise<void>
}

/**
 * Gets the pool ready to create runners and keeps it so: Docker answers, GitHub answers and knows
 * the runner group, the image is present (pulled with progress if not), and recovery has adopted
 * or removed what an earlier run left. Watches Docker's events, recovers again when Docker comes
 * back, and sweeps GitHub's runner list on an interval.
 */
export class PoolPreparation {
  private preparing = false
  private dockerConnected = true
  private sweepPending = false
  private imageReady = false
  private warnedShared = false
  /** The labels runners register with, once Docker said its platform. */
  labels: string[] | null = null

  private readonly refresh: ImageRefresh

  constructor(private readonly host: PreparationHost) {
    this.refresh = new ImageRefresh(host)
  }

  /** Docker answered and the image is there: runners can be made (each lane also needs GitHub). */
  get ready(): boolean {
    return this.labels !== null && this.imageReady
  }

  /** Subscribes to Docker's events for this installation's containers. */
  watch(): void {
    const { docker } = this.host.deps
    const subscription = docker.watchEvents(
      { [LABELS.installation]: this.host.config.installationId },
      (event) => this.host.dockerEvent(event),
      (state) => (state.connected ? void this.dockerUp() : this.dockerDown(state.failure)),
    )
    this.host.disposables.add(() => subscription.stop())
  }

  /** Checks Docker, GitHub and the image, then recovers; looks again later if one failed. */
  async prepare(): Promise<void> {
    const { host } = this
    if (this.preparing || !host.active) return
    this.preparing = true
    try {
      const ping = await host.deps.docker.ping()
      if (!ping.ok) return this.dockerDown(ping.error)
      this.dockerConnected = true
      if (host.gate.has('docker')) {
        host.gate.unblock('docker')
        host.note('info', null, 'Docker is reachable again.')
      }
      host.health.set('docker', okCheck(`Docker API ${ping.value.apiVersion}`, this.now()))
      this.labels = runnerLabelSet(host.config.installationId, host.config.labels, ping.value)
      if (!(await this.prepareNetwork())) return this.later(this.host.config.prepareRetryMs)
      if (!(await this.prepareImage())) return this.later(this.host.config.prepareRetryMs)
      this.refresh.start()
      await this.prepareLanes()
      await recover(host)
      this.scheduleSweep()
      host.reconcile()
    } finally {
      this.preparing = false
    }
  }

  /** Docker answered again after being away: recover what changed meanwhile. */
  private async dockerUp(): Promise<void> {
    const wasDown = !this.dockerConnected
    this.dockerConnected = true
    if (wasDown || this.host.gate.has('docker')) await this.prepare()
  }

  /**
   * Docker stopped answering: say so, hold creation, and look again later. A call that failed
   * while Docker was away may report after it came back, so the pool never waits for an event
   * alone: preparation pings again and lifts the hold itself.
   */
  dockerDown(failure: DockerFailure): void {
    const { host } = this
    host.dockerErrored(failure.kind)
    const wasConnected = this.dockerConnected
    this.dockerConnected = false
    host.health.set('docker', problemCheck('Docker is not reachable', failure.message, this.now()))
    if (!host.gate.has('docker')) host.note('error', null, failure.message)
    host.gate.block('docker', failure.message)
    host.changed()
    if (wasConnected) this.later(host.config.prepareRetryMs)
  }

  /** Checks every lane GitHub has not answered for yet; looks again later for those that failed. */
  private async prepareLanes(): Promise<void> {
    const { host } = this
    const waiting = host.lanes.all().filter((l) => l.groupId === null && !l.leaving)
    await Promise.all(waiting.map((lane) => host.prepareLane(lane)))
    const failed = host.lanes.all().filter((l) => l.groupId === null && !l.leaving)
    if (failed.length === 0) {
      if (host.gate.has('github')) host.note('info', null, 'GitHub answers again.')
      host.gate.unblock('github')
      if (waiting.length > 0)
        host.health.set('github', okCheck(`Reached ${host.config.apiUrl}`, this.now()))
      return
    }
    // A GitHub that does not answer is asked again soon; a refusal only after a while.
    this.later(host.gate.has('github') ? GITHUB_RETRY_MS : host.config.prepareRetryMs)
  }

  /**
   * Makes this installation's own network (inter-container traffic off) when runners use it; a
   * network the user chose must already exist. Runs once per preparation: a network removed while
   * the pool runs is made again the next time Docker comes back or a creation fails.
   */
  private async prepareNetwork(): Promise<boolean> {
    const { host } = this
    const name = host.config.networkMode
    if (BUILT_IN_NETWORKS.has(name)) return true
    const ours = name === installationNetwork(host.config.installationId)
    const result = ours
      ? await host.deps.docker.ensureNetwork(name, {
          [LABELS.installation]: host.config.installationId,
        })
      : await host.deps.docker.networkExists(name)
    const failure = !result.ok
      ? result.error.message
      : result.value === false
        ? `The Docker network “${name}” does not exist. Create it (docker network create ${name}) or choose another network in the settings.`
        : null
    if (failure !== null) {
      host.health.set('network', problemCheck(`Network ${name}`, failure, this.now()))
      host.gate.block('network', failure)
      host.changed()
      return false
    }
    const isolated = result.ok && typeof result.value === 'object' ? result.value.isolated : null
    if (isolated === false && !this.warnedShared) {
      this.warnedShared = true
      host.note(
        'warn',
        null,
        `Docker would not turn off traffic between containers on ${name}: runners can reach each other.`,
      )
    }
    const summary = isolated === false ? `Network ${name}` : `Network ${name}, runners kept apart`
    host.health.set('network', okCheck(ours ? summary : `Network ${name}`, this.now()))
    host.gate.unblock('network')
    return true
  }

  private async prepareImage(): Promise<boolean> {
    const { host } = this
    const image = host.config.image
    const result = await host.deps.docker.ensureImage(image, (p) =>
      host.health.pulling({ image, ...p }),
    )
    host.health.pulling(null)
    if (!result.ok) {
      host.health.set('image', problemCheck(image, result.error.message, this.now()))
      host.gate.block('image', result.error.message)
      this.imageReady = false
      host.changed()
      return false
    }
    this.imageReady = true
    if (result.value.pulled) host.note('info', null, `Pulled ${image}.`)
    host.health.set('image', okCheck(image, this.now()))
    host.gate.unblock('image')
    return true
  }

  private later(ms: number): void {
    this.host.disposables.timeout(this.host.deps.clock, ms, () => void this.prepare())
  }

  private scheduleSweep(): void {
    if (this.sweepPending) return
    this.sweepPending = true
    this.host.disposables.timeout(this.host.deps.clock, this.host.config.listIntervalMs, () => {
      this.sweepPending = false
      if (!this.host.active) return
      void sweepRegistrations(this.host).finally(() => this.scheduleSweep())
    })
  }

  private now(): number {
    return this.host.deps.clock.now()
  }
}
