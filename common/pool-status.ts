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
  /** The target it is registered on (OWNER/REPO or ORG). */
  target: z.string(),
  /** The GitHub job it runs or ran, once GitHub lists it: the run's page. */
  jobUrl: z.string().nullable(),
  /** The runner version it printed at start (GitHub refuses versions too far behind). */
  version: z.string().max(40).nullable().default(null),
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
  /** The Docker network runners join, once checked (absent: the default bridge, or not checked). */
  network: checkSchema.optional(),
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
    'public',
    'network',
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

/** One target the pool serves, as the dashboard lists it. */
export const targetStatusSchema = z.object({
  target: targetSchema,
  /** Chosen by the user, or found by discovery (with the workflow lines that ask). */
  source: z.enum(['chosen', 'discovered']),
  reasons: z.array(z.string()),
  visibility: z.enum(['public', 'private', 'internal']).nullable(),
  /** Runners it should have now. */
  wanted: z.number().int().min(0),
  busy: z.number().int().min(0),
  idle: z.number().int().min(0),
  starting: z.number().int().min(0),
  /** Matching jobs waiting for a runner, and since when the oldest waits. */
  queued: z.number().int().min(0),
  oldestQueuedAt: z.number().nullable(),
  /** This target's own hold (refused, public, backing off), apart from the pool's. */
  blocked: blockSchema.nullable(),
  /** Why its job queue cannot be read right now. */
  problem: z.string().nullable(),
})
/** A target's status. */
export type TargetStatus = z.infer<typeof targetStatusSchema>

/** Everything a UI needs to draw the pool, sent whole on subscribe and after each change. */
export const poolSnapshotSchema = z.object({
  running: z.boolean(),
  stopping: z.enum(['no', 'drain', 'now']),
  mode: z.enum(['fixed', 'on-demand']),
  targets: z.array(targetStatusSchema),
  apiUrl: z.string(),
  /** Fixed mode: runners per target. */
  desired: z.number().int().min(0),
  /** On demand: idle runners kept warm per target. */
  minIdle: z.number().int().min(0),
  /** Runners on this machine at most (the user's, or from its cores and memory). */
  maxRunners: z.number().int().min(0),
  /** The exact labels runners register with (empty until Docker said its platform). */
  labels: z.array(z.string()),
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
