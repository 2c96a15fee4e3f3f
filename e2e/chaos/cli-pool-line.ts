// Reads `runnerdock up`'s own account of its pool from its output (one line per state change):
// a restart counts as done only once the new process says its pool is full, not merely because
// the containers the killed one left are still running.

const POOL_LINE = /^\d\d:\d\d:\d\d pool .*: (\d+)\/(\d+) online, .*$/gm

/** The last pool line `up` printed (its latest account of the pool), or null before the first. */
export function lastPoolLine(output: string): string | null {
  const lines = output.match(POOL_LINE)
  return lines?.[lines.length - 1] ?? null
}

/** Whether `up` says `size` of `size` online, nothing starting, nothing on hold: the new process has taken over. */
export function saysFull(output: string, size: number): boolean {
  const line = lastPoolLine(output)
  return (
    line !== null &&
    line.includes(`: ${size}/${size} online, `) &&
    line.includes(', 0 starting') &&
    !line.includes(' on hold') &&
    !line.includes(' — draining') &&
    !line.includes(' — stopping now')
  )
}
