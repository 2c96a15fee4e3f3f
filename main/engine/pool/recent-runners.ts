import type { RunnerView } from '../../../common/pool-status'

/**
 * Runners that ran a job, newest first, so results stay visible after their containers are gone.
 * One entry per runner (a runner leaves once); runners that never ran a job are not listed.
 */
export class RecentRunners {
  private readonly views: RunnerView[] = []

  constructor(private readonly limit: number) {}

  /** Records a gone runner, if it ran a job. */
  add(view: RunnerView): void {
    if (view.job === null || this.views.some((v) => v.name === view.name)) return
    this.views.unshift(view)
    this.views.length = Math.min(this.views.length, this.limit)
  }

  /** The list, newest first. */
  list(): RunnerView[] {
    return [...this.views]
  }
}
