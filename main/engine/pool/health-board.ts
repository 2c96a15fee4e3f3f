import type { Health, ImagePull } from '../../../common/pool-status'
import { initialHealth } from './pool-health'

/** The health panel's lines and the image pull in progress, as the pool last saw them. */
export class HealthBoard {
  private health: Health = initialHealth()
  private pull: ImagePull | null = null

  constructor(private readonly changed: () => void) {}

  /** The panel's lines. */
  get lines(): Health {
    return this.health
  }

  /** The pull in progress, if any. */
  get imagePull(): ImagePull | null {
    return this.pull
  }

  /** Replaces one line. */
  set<K extends keyof Health>(key: K, check: Health[K]): void {
    this.health = { ...this.health, [key]: check }
    this.changed()
  }

  /** Shows (or, with null, hides) image pull progress. */
  pulling(progress: ImagePull | null): void {
    this.pull = progress
    this.changed()
  }
}
