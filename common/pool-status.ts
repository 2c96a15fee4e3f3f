import { z } from 'zod'
import { targetSchema } from './target'

/** Docker's view of a runner's container, as the engine last saw it. */
export const containerStateSchema = z.enum([
  'creating',
  'running',
  'exited',
  'removing',
  'removed',
  'failed',
])
/** The container part of a runner's status. */
export type ContainerState = z.infer<typeof containerStateSchema>

/** GitHub's view of a runner's registration: pending until it first says "Listening for Jobs". */
export const registrationStateSchema = z.enum(['pending', 'online', 'offline', 'gone'])
/** The registration part of a runner's status. */
export type RegistrationState = z.infer<typeof registrationStateSchema>

/** The job outcomes the runner prints in "Job X completed with result: R" (docs/github-facts.md). */
export const jobResultSchema = z.string().min(1).max(40)

/** What a runner is doing, read from its own log lines (the exit code says nothing about the job). */
export const activitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('starting'), since: z.number() }),
  z.object({ kind: z.literal('idle'), since: z.number() }),
  z.object({ kind: z.literal('busy'), job: z.string(), since: z.number() }),
  z.object({
    kind: z.literal('finished'),
    job: z.string(),
    result: jobResultSchema,
    at: z.number(),
  }),
  z.object({ kind: z.literal('stopped'), at: z.number(), reason: z.string() }),
])
/** A runner's activity. */
export type Activity = z.infer<typeof activitySchema>

/** One runner as a UI shows it: plain data, no Docker or Octokit types. */
export const runnerViewSchema = z.object({
  name: z.string(),
  runnerId: z.number().int().nullable(),
  containerId: z.string().nullable(),
  container: containerStateSchema,
  registration: registrationStateSchema,
  activity: activitySchema,
  /** Set while the runner is being removed because the pool shrank or stopped. */
  retiring: z.boolean(),
  createdAt: z.number(),
  onlineAt: z.number().nullable(),
  lastResult: jobResultSchema.nullable(),
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
  reason: z.enum(['docker', 'token', 'target', 'image', 'rate-limit', 'backoff', 'config']),
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
  /** Runners that finished recently, newest first (bounded), so their results stay visible. */
  recent: z.array(runnerViewSchema),
  health: healthSchema,
  blocked: blockSchema.nullable(),
  imagePull: imagePullSchema.nullable(),
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
} {
  const live = snapshot.runners.filter(
    (r) => r.container === 'creating' || r.container === 'running',
  )
  return {
    desired: snapshot.desired,
    live: live.length,
    online: live.filter((r) => r.registration === 'online').length,
    busy: live.filter((r) => r.activity.kind === 'busy').length,
    idle: live.filter((r) => r.activity.kind === 'idle').length,
    starting: live.filter((r) => r.activity.kind === 'starting').length,
  }
}
