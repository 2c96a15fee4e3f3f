/** The exit code of a process that crashed after cleaning up (BSD's EX_SOFTWARE). */
export const CRASH_EXIT_CODE = 70

/** How long a crashed process spends removing its runners before it leaves regardless. */
export const CRASH_CLEANUP_MS = 30_000

/** The parts of `process` the guard listens on (tests pass an emitter). */
export interface CrashSource {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown
}

/** What a crash does besides cleaning up: where it is told, and how the process leaves. */
export interface CrashOptions {
  readonly log: (line: string) => void
  readonly exit: (code: number) => void
  readonly cleanupMs?: number
  readonly setTimer?: (fn: () => void, ms: number) => unknown
}

/** Registers the cleanups a crash must run; the engine adds its stop, and drops it once disposed. */
export interface CrashGuard {
  /** Runs `cleanup` if the process crashes while the returned handle is not disposed. */
  protect(cleanup: () => Promise<unknown>): { dispose(): void }
}

/**
 * A bug must never leave containers behind with no one to remove them. On the first uncaught
 * exception or unhandled rejection, the guard says so, runs every registered cleanup (the engine's
 * stop-now: containers removed, registrations deleted or recorded for the next start), bounded by
 * `cleanupMs`, then exits with code 70. A second crash during cleanup is logged and changes
 * nothing; a cleanup that throws does not stop the others.
 */
export function installCrashGuard(source: CrashSource, options: CrashOptions): CrashGuard {
  const cleanups = new Set<() => Promise<unknown>>()
  let crashed = false
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const onCrash = (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
    if (crashed) {
      options.log(`runnerdock: another error while cleaning up: ${text}`)
      return
    }
    crashed = true
    options.log(`runnerdock: unexpected error, removing runners before exiting: ${text}`)
    let left = false
    const leave = (why: string) => {
      if (left) return
      left = true
      options.log(`runnerdock: ${why}`)
      options.exit(CRASH_EXIT_CODE)
    }
    setTimer(
      () =>
        leave('cleanup did not finish in time; `runnerdock doctor --fix` removes what is left.'),
      options.cleanupMs ?? CRASH_CLEANUP_MS,
    )
    void Promise.allSettled([...cleanups].map((run) => Promise.resolve().then(run))).then(() =>
      leave('cleaned up; exiting.'),
    )
  }
  source.on('uncaughtException', onCrash)
  source.on('unhandledRejection', onCrash)
  return {
    protect(cleanup) {
      cleanups.add(cleanup)
      return { dispose: () => void cleanups.delete(cleanup) }
    },
  }
}
