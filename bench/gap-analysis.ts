// What a replacement gap is made of, from the times the engine's log and snapshots carry. Pure.
import { percentile, round } from './stats'

/** One runner the pool created during the measurement, with the times of its start-up steps. */
export interface Successor {
  readonly name: string
  /** The pool made its record (createRunner began). */
  readonly createdAt: number
  /** The engine logged "Registered as runner" (its JIT config was in hand). */
  readonly registeredAt: number | null
  /** The engine logged "Container … started." (Docker's create + start returned). */
  readonly startedAt: number | null
  /** The runner printed "Listening for Jobs". */
  readonly listeningAt: number | null
}

/** Medians of each step from a job's completion line to its successor listening. */
export interface GapParts {
  /** Completion line -> the pool creates the successor (the engine's reaction). */
  readonly reactMs: number
  /** Creation -> JIT config in hand (about 0 when a spare registration was ready). */
  readonly registerMs: number
  /** JIT config -> Docker's create + start returned. */
  readonly dockerMs: number
  /** Container started -> the runner printed "Listening for Jobs". */
  readonly bootMs: number
  /** Successors whose JIT config was minted ahead (a spare). */
  readonly spares: number
  readonly samples: number
}

/** Pairs each completion with the first later, not yet paired "Listening" line: the gap. */
export function pairGaps(
  completions: readonly number[],
  listening: readonly number[],
): { p50Ms: number; p95Ms: number; samples: number } {
  const free = [...listening].sort((a, b) => a - b)
  const gaps: number[] = []
  for (const done of [...completions].sort((a, b) => a - b)) {
    const index = free.findIndex((t) => t >= done)
    if (index < 0) continue
    gaps.push(free[index]! - done)
    free.splice(index, 1)
  }
  return { p50Ms: percentile(gaps, 50), p95Ms: percentile(gaps, 95), samples: gaps.length }
}

/**
 * Pairs each completion with the first runner created at or after it (its successor) and splits
 * the time in between into the engine's reaction, registration, Docker and the runner's boot.
 */
export function gapParts(
  completions: readonly number[],
  successors: readonly Successor[],
): GapParts {
  const free = successors
    .filter((s) => s.registeredAt !== null && s.startedAt !== null && s.listeningAt !== null)
    .sort((a, b) => a.createdAt - b.createdAt)
  const parts = { react: [] as number[], register: [] as number[], docker: [] as number[] }
  const boot: number[] = []
  let spares = 0
  for (const done of [...completions].sort((a, b) => a - b)) {
    const index = free.findIndex((s) => s.createdAt >= done)
    if (index < 0) continue
    const s = free.splice(index, 1)[0]!
    const registered = Math.max(s.registeredAt!, s.createdAt)
    parts.react.push(s.createdAt - done)
    parts.register.push(registered - s.createdAt)
    if (registered - s.createdAt < 5) spares++
    parts.docker.push(s.startedAt! - registered)
    boot.push(s.listeningAt! - s.startedAt!)
  }
  return {
    reactMs: round(percentile(parts.react, 50), 1),
    registerMs: round(percentile(parts.register, 50), 1),
    dockerMs: round(percentile(parts.docker, 50), 1),
    bootMs: round(percentile(boot, 50), 1),
    spares,
    samples: boot.length,
  }
}
