import type { PoolSnapshot } from '../../common/pool-status'

/** Runner names whose run page is kept; far more than the recent list holds. */
const KEPT = 500

/**
 * The run page of each job a runner took, remembered while the runner was live: a runner that
 * has gone keeps its link in "Recent jobs" even when the pool listed it without one.
 */
export class JobLinks {
  private readonly urls = new Map<string, string>()

  /** Notes the links of the live runners; returns the snapshot with links filled in `recent`. */
  fill(snapshot: PoolSnapshot): PoolSnapshot {
    for (const r of snapshot.runners) {
      if (r.jobUrl === null || this.urls.get(r.name) === r.jobUrl) continue
      this.urls.set(r.name, r.jobUrl)
      if (this.urls.size > KEPT) this.urls.delete(this.urls.keys().next().value!)
    }
    if (!snapshot.recent.some((r) => r.jobUrl === null && this.urls.has(r.name))) return snapshot
    return {
      ...snapshot,
      recent: snapshot.recent.map((r) =>
        r.jobUrl === null && this.urls.has(r.name) ? { ...r, jobUrl: this.urls.get(r.name)! } : r,
      ),
    }
  }
}
