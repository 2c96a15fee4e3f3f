// Waiting on the world (Docker, the emulator, a child's output) by polling it, for the chaos
// suites: they measure how long a state took to appear, so the wait returns the time it took.

/** Polls `check` every `intervalMs` until it answers true; the milliseconds it took (the figures), or throws with `explain()`. */
export async function pollUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  explain: () => string | Promise<string>,
  intervalMs = 50,
): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await check()) return performance.now() - started
    if (performance.now() - started > timeoutMs)
      throw new Error(`Waited ${timeoutMs} ms: ${await explain()}`)
    await sleep(intervalMs)
  }
}

/** Resolves after `ms`: for placing a kill or a restart in time, never for waiting on a state. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
