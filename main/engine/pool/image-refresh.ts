import type { DisposableStore } from '../../../common/disposables'
import type { HealthBoard } from './health-board'
import { decideImageRefresh } from './image-refresh-plan'
import type { PoolConfig } from './pool-config'
import type { PoolDeps, PoolNotice } from './pool-types'

/** What the image refresh needs of the pool. */
export interface ImageRefreshHost {
  readonly config: PoolConfig
  readonly deps: PoolDeps
  readonly health: HealthBoard
  readonly disposables: DisposableStore
  /** Whether the pool runs (a stopped pool refreshes nothing). */
  readonly active: boolean
  note(level: PoolNotice['level'], runner: string | null, message: string): void
}

/**
 * Keeps the runner image current while the pool runs: asks the registry every `imageCheckMs`
 * whether the tag moved and pulls it in the background when it did (or, when the registry cannot
 * be asked, once a day), with progress on the health panel. Running containers keep their image;
 * runners made after the pull start from the new one. A registry that cannot be reached is said
 * once, on the pool's log, never as a hold: the image on this machine still works.
 */
export class ImageRefresh {
  private confirmedAt = 0
  private checking = false
  private toldUnreachable = false
  private scheduled = false

  constructor(private readonly host: ImageRefreshHost) {}

  /** Checks now, then on every interval (once per pool; repeated calls do nothing). */
  start(): void {
    if (this.scheduled) return
    this.scheduled = true
    void this.check()
    const tick = () => {
      if (!this.host.active) return
      void this.check().finally(() => this.later(tick))
    }
    this.later(tick)
  }

  /** One check (and pull, if due). Resolves when done; a check in progress is not doubled. */
  async check(): Promise<void> {
    const { host } = this
    if (this.checking || !host.active) return
    this.checking = true
    try {
      const { docker, clock } = host.deps
      const image = host.config.image
      const facts = await docker.imageFacts(image)
      if (!facts.ok) return
      const remote = await docker.remoteDigest(image)
      const decision = decideImageRefresh({
        local: facts.value,
        remote: remote.ok ? remote.value : null,
        confirmedAt: this.confirmedAt,
        now: clock.now(),
      })
      if (decision.kind === 'local-build') return
      if (decision.kind === 'current') {
        if (remote.ok) this.confirmedAt = clock.now()
        return
      }
      const pulled = await docker.refreshImage(image, (p) => host.health.pulling({ image, ...p }))
      host.health.pulling(null)
      if (!pulled.ok) {
        if (!this.toldUnreachable)
          host.note(
            'info',
            null,
            `Could not check for a newer ${image}: ${pulled.error.message} The image on this machine is used meanwhile.`,
          )
        this.toldUnreachable = true
        return
      }
      this.confirmedAt = clock.now()
      this.toldUnreachable = false
      if (pulled.value.changed)
        host.note('info', null, `Pulled a newer ${image}; runners made from now on use it.`)
    } finally {
      this.checking = false
    }
  }

  private later(fn: () => void): void {
    this.host.disposables.timeout(this.host.deps.clock, this.host.config.imageCheckMs, fn)
  }
}
