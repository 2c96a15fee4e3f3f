// Every container the bench makes is labelled and removed, also when the run is interrupted:
// calls that may create a container are tracked, so cleanup can wait for them before sweeping.
import { setMaxListeners } from 'node:events'
import Dockerode from 'dockerode'

/** Marks containers the bench's own baselines create (the engine labels its runners itself). */
export const BENCH_LABEL = 'dev.runnerdock.bench'

/** Stops new container work when the bench ends, and knows which calls are still under way. */
export class BenchGuard {
  private readonly controller = new AbortController()
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor() {
    // Every raw runner waiting to listen watches the signal: 20 at once is expected, not a leak.
    setMaxListeners(100, this.controller.signal)
  }

  /** Aborted once the bench is cleaning up. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Throws if cleanup has begun: no new containers after that. */
  check(): void {
    if (this.controller.signal.aborted) throw new Error('The bench is stopping.')
  }

  /** Keeps `work` in view until it settles, so `abort` can wait for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work)
    const forget = () => void this.inFlight.delete(work)
    work.then(forget, forget)
    return work
  }

  /** Refuses new work and waits (up to `timeoutMs`) for tracked calls to settle. */
  async abort(timeoutMs = 15_000): Promise<void> {
    this.controller.abort()
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
    ])
  }
}

/** Force-removes every container carrying one of `labels` (`key` or `key=value`). */
export async function removeLabelled(
  docker: Dockerode,
  labels: readonly string[],
): Promise<number> {
  let removed = 0
  for (const label of labels) {
    const left = await docker
      .listContainers({ all: true, filters: { label: [label] } })
      .catch(() => [])
    await Promise.all(
      left.map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .then(
            () => void removed++,
            () => {},
          ),
      ),
    )
  }
  return removed
}
