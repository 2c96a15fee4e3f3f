import { z } from 'zod'
import { stopReportSchema } from './stop-report'
import { targetSchema } from './target'

/** The job outcomes the runner prints in "Job X completed with result: R" (docs/github-facts.md). */
export const jobResultSchema = z.string().min(1).max(40)

/** The phases of `common/runner-machine.ts`, for the wire. */
export const runnerPhaseSchema = z.enum([
  'registering',
  'creating',
  'starting',
  'idle',
  'busy',
  'finished',
  'retiring',
  'cancelling',
  'removing',
  'gone',
])

/** Why a runner left (see `RunnerEnding`). */
export const runnerEndingSchema = z.enum([
  'job-done',
  'scaled-down',
  'stopped',
  'exited',
  'registration-gone',
  'failed',
])

/** The one job a runner took. */
export const runnerJobSchema = z.object({
  name: z.string(),
  startedAt: z.number(),
  result: jobResultSchema.nullable(),
  finishedAt: z.number().nullable(),
})

/** One runner as a UI shows it: plain data, no Docker or Octokit types, no secrets. */
export const runnerViewSchema = z.object({
  name: z.string(),
  runnerId: z.number().int().nullable(),
  containerId: z.string().nullable(),
  phase: runnerPhaseSchema,
  /** Set once it is leaving: why. */
  ending: runnerEndingSchema.nullable(),
  createdAt: z.number(),
  onlineAt: z.number().nullable(),
  job: runnerJobSchema.nullable(),
  /** The last problem worth showing on its row, already redacted. */
  problem: z.string().nullable(),
  /** When it was gone (recent runners only). */
  goneAt: z.number().nullable(),
})
/** A runner as shown to users. */
export type RunnerView = z.infer<typeof runnerViewSchema>

/** Whether one dependency of the pool works; `problem` explains in the user's words what to do. */
export const checkSchema = z.object({
  state: z.enum(['ok', 'problem', 'unknown']),
  summary: z.string(),
  problem: z.string().nullable(),
  checkedAt: z.number().nullable(),
})
/** One line of the health panel. */
export type Check = z.infer<typeof checkSchema>

/** The image download shown as a progress bar; null when nothing is being pulled. */
export const imagePullSchema = z.object({
  image: z.string(),
  currentBytes: z.number(),
  totalBytes: z.number(),
  status: z.string(),
})
/** Progress of an image pull. */
export type ImagePull = z.infer<typeof imagePullSchema>

/** Pool health: Docker, GitHub, token, image (issue 2, "Status"). */
export const healthSchema = z.object({
  docker: checkSchema,
  github: checkSchema,
  token: checkSchema,
  image: checkSchema,
})
/** The health panel's data. */
export type Health = z.infer<typeof healthSchema>

/** Why the pool is not creating runners right now, if it is not. */
export const blockSchema = z.object({
  reason: z.enum([
    'docker',
    'github',
    'token',
    'target',
    'image',
    'rate-limit',
    'backoff',
    'config',
  ]),
  message: z.string(),
  until: z.number().nullable(),
})
/** A reason creation is on hold. */
export type Block = z.infer<typeof blockSchema>

/** Everything a UI needs to draw the pool, sent whole on subscribe and after each change. */
export const poolSnapshotSchema = z.object({
  running: z.boolean(),
  stopping: z.enum(['no', 'drain', 'now']),
  target: targetSchema.nullable(),
  apiUrl: z.string(),
  desired: z.number().int().min(0),
  maxRunners: z.number().int().min(0),
  runners: z.array(runnerViewSchema),
  /** Runners that ran a job, newest first (bounded), so results stay visible after they go. */
  recent: z.array(runnerViewSchema),
  health: healthSchema,
  blocked: blockSchema.nullable(),
  imagePull: imagePullSchema.nullable(),
  /** What the last finished stop left behind, checked with Docker and GitHub; null before any. */
  lastStop: stopReportSchema.nullable(),
  version: z.number().int(),
})
/** The pool as a UI sees it. */
export type PoolSnapshot = z.infer<typeof poolSnapshotSchema>

/** Counts a tray tooltip and dashboard header show. */
export function summarize(snapshot: Pick<PoolSnapshot, 'runners' | 'desired'>): {
  desired: number
  live: number
  online: number
  busy: number
  idle: number
  starting: number
  leaving: number
} {
  const count = (...phases: RunnerView['phase'][]) =>
    snapshot.runners.filter((r) => phases.includes(r.phase)).length
  const idle = count('idle')
  const busy = count('busy')
  const starting = count('registering', 'creating', 'starting')
  return {
    desired: snapshot.desired,
    live: idle + busy + starting,
    online: idle + busy,
    busy,
    idle,
    starting,
    leaving: count('retiring', 'cancelling', 'removing'),
  }
}
