// Request counters, so tests and benchmarks can assert how hard the app leans on GitHub.

/** What `stats()` reports: REST requests (not admin or runner traffic) and how many were 304s. */
export interface EmulatorStats {
  readonly requests: number
  readonly notModified: number
  /** Requests per route template, e.g. `GET /repos/{owner}/{repo}/actions/runners`. */
  readonly byRoute: Readonly<Record<string, number>>
}

/** Counts REST requests by route template. */
export class StatsCounter {
  private requests = 0
  private notModified = 0
  private byRoute: Record<string, number> = {}

  /** Records one answered REST request. */
  record(route: string, status: number): void {
    this.requests += 1
    if (status === 304) this.notModified += 1
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1
  }

  /** A snapshot safe to hand out. */
  snapshot(): EmulatorStats {
    return { requests: this.requests, notModified: this.notModified, byRoute: { ...this.byRoute } }
  }

  /** Starts counting from zero. */
  reset(): void {
    this.requests = 0
    this.notModified = 0
    this.byRoute = {}
  }
}
