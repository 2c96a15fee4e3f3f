import type { Clock } from './clock'

/** Something that holds a resource (a timer, a stream, a subscription) until disposed. */
export type Dispose = () => void

/**
 * One owner for what must be released together (VS Code's `DisposableStore`): timers and
 * subscriptions join it as they are made, and one `dispose()` releases every one still held.
 */
export class DisposableStore {
  private readonly held = new Set<Dispose>()
  private disposed = false

  /** Holds `dispose` until it is released; returns a function that releases it early. */
  add(dispose: Dispose): Dispose {
    if (this.disposed) {
      dispose()
      return () => {}
    }
    let done = false
    const release = () => {
      if (done) return
      done = true
      this.held.delete(release)
      dispose()
    }
    this.held.add(release)
    return release
  }

  /** Runs `fn` after `ms` on `clock`; held until it fires, is released, or the store is disposed. */
  timeout(clock: Clock, ms: number, fn: () => void): Dispose {
    let release: Dispose = () => {}
    const cancel = clock.setTimeout(() => {
      release()
      fn()
    }, ms)
    release = this.add(cancel)
    return release
  }

  /** How many resources are still held (tests check nothing leaks). */
  get size(): number {
    return this.held.size
  }

  /** Releases everything held; later additions are released at once. */
  dispose(): void {
    this.disposed = true
    for (const release of [...this.held]) release()
  }
}
